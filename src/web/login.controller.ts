import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LoginService } from '../auth/login.service';
import { OrganisersService } from '../auth/organisers.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { RateLimitGuard, RateLimited } from '../platform/http/rate-limit.guard';
import { WebPages } from './page-access';
import { PageAccessFor } from './page-access-metadata';
import { COOKIES, clearCookie, setCookie } from './web-cookies';
import { WebRenderer } from './web-renderer.service';

/** Organisers log in with email and password; the login token becomes an HttpOnly session cookie. */
@Controller()
@WebPages('public')
@UseGuards(RateLimitGuard)
export class LoginController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly organisers: OrganisersService,
    private readonly logins: LoginService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  home(@Res() res: Response): void {
    res.redirect(303, '/dashboard');
  }

  @Get('login')
  form(@Req() req: Request, @Res() res: Response, @Query('next') next?: string): void {
    if (req.principal?.kind === 'organiser') return res.redirect(303, safeNext(next));
    this.renderer.page(
      req,
      res,
      'login',
      { next: safeNext(next), values: {}, passwordSet: req.query.passwordSet === '1' },
      { title: this.renderer.t(req, 'dashboard.login.title'), dashboard: true, private: true },
    );
  }

  @Post('login')
  @RateLimited()
  async login(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    const errors: Record<string, string> = {};
    if (!email) errors.email = this.renderer.t(req, 'dashboard.login.enterEmail');
    if (!password) errors.password = this.renderer.t(req, 'dashboard.login.enterPassword');
    const organiser = Object.keys(errors).length === 0 ? await this.organisers.verifyCredentials(email, password) : null;
    if (!organiser) {
      if (Object.keys(errors).length === 0) errors['(form)'] = this.renderer.t(req, 'dashboard.login.wrong');
      return this.renderer.page(
        req,
        res,
        'login',
        { next, values: { email }, errors },
        {
          title: this.renderer.t(req, 'dashboard.login.title'),
          dashboard: true,
          private: true,
          status: 400,
        },
      );
    }
    const { token, expiresAt } = await this.logins.start(organiser.id);
    setCookie(res, this.config.publicUrl, COOKIES.session, token, { expires: expiresAt });
    res.redirect(303, next);
  }

  @Post('logout')
  @PageAccessFor('organiser')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (req.principal?.kind === 'organiser') await this.logins.end(req.principal.sessionId);
    clearCookie(res, this.config.publicUrl, COOKIES.session);
    res.redirect(303, '/login');
  }
}

/** Only a path on this site, so the login form cannot send anyone elsewhere. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/dashboard';
}
