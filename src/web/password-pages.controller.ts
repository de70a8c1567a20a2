import { Body, Controller, Get, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { passwordSchema, requestPasswordResetSchema } from '../auth/dto/password.dto';
import { MagicLinkService } from '../auth/magic-link.service';
import { OrganisersService } from '../auth/organisers.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { RateLimitGuard, RateLimited } from '../platform/http/rate-limit.guard';
import { FormErrors, formErrorsFrom, validateForm } from './form-input';
import { WebPages } from './page-access';
import { COOKIES, clearCookie, readCookie, setCookie } from './web-cookies';
import { RedirectTo } from './web-redirects';
import { dashboardFormErrors } from './dashboard/dashboard-form-errors';
import { WebRenderer } from './web-renderer.service';

const LINK_MAX_AGE_MS = 24 * 3600 * 1000;

const PASSWORD_LABELS = { password: 'dashboard.password.new', confirm: 'dashboard.password.again' };

const newPasswordForm = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((form) => form.password === form.confirm, { path: ['confirm'], message: 'does not match the password' });

/**
 * The pages behind the organisers' emailed password links (reset and
 * invitation) and the "forgot password" form. The link's token moves into a
 * short-lived cookie on the first visit, as attendee and presenter links do.
 */
@Controller()
@WebPages('public')
@UseGuards(RateLimitGuard)
export class PasswordPagesController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly organisers: OrganisersService,
    private readonly magicLinks: MagicLinkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('forgot-password')
  forgotForm(@Req() req: Request, @Res() res: Response): void {
    this.renderer.page(
      req,
      res,
      'password/forgot',
      { values: {} },
      { title: this.renderer.t(req, 'dashboard.password.forgotTitle'), dashboard: true },
    );
  }

  @Post('forgot-password')
  @RateLimited()
  async forgot(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const form = validateForm(requestPasswordResetSchema, { email: body.email });
    if (!form.ok) {
      return this.renderer.page(
        req,
        res,
        'password/forgot',
        { values: { email: body.email }, errors: dashboardFormErrors(req.language, form.errors, { email: 'dashboard.login.email' }) },
        {
          title: this.renderer.t(req, 'dashboard.password.forgotTitle'),
          dashboard: true,
          status: 400,
        },
      );
    }
    await this.organisers.requestPasswordReset(form.value.email);
    this.renderer.page(
      req,
      res,
      'password/forgot-sent',
      {},
      { title: this.renderer.t(req, 'dashboard.password.sentTitle'), dashboard: true },
    );
  }

  @Get(['reset-password', 'set-password'])
  async form(@Req() req: Request, @Res() res: Response): Promise<void> {
    const fromUrl = typeof req.query.token === 'string' ? req.query.token : null;
    if (fromUrl) {
      setCookie(res, this.config.publicUrl, COOKIES.passwordLink, fromUrl, { maxAge: LINK_MAX_AGE_MS });
      throw new RedirectTo(req.path);
    }
    const token = readCookie(req, COOKIES.passwordLink);
    const link = token ? await this.magicLinks.verify(token) : null;
    if (!link || link.subject.type !== 'organiser-password') return this.invalid(req, res);
    this.renderer.page(
      req,
      res,
      'password/choose',
      { action: req.path, invitation: req.path === '/set-password' },
      {
        title: this.renderer.t(req, 'dashboard.password.chooseTitle'),
        dashboard: true,
        private: true,
      },
    );
  }

  @Post(['reset-password', 'set-password'])
  @RateLimited()
  async choose(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const token = readCookie(req, COOKIES.passwordLink);
    if (!token) return this.invalid(req, res);
    const form = validateForm(newPasswordForm, { password: body.password, confirm: body.confirm });
    let errors: FormErrors | null = form.ok ? null : form.errors;
    if (form.ok) {
      try {
        await this.organisers.setPasswordWithToken(token, form.value.password);
      } catch (error) {
        errors = formErrorsFrom(error);
        if (errors.token) return this.invalid(req, res);
      }
    }
    if (errors) {
      return this.renderer.page(
        req,
        res,
        'password/choose',
        { action: req.path, invitation: req.path === '/set-password', errors: dashboardFormErrors(req.language, errors, PASSWORD_LABELS) },
        {
          title: this.renderer.t(req, 'dashboard.password.chooseTitle'),
          dashboard: true,
          private: true,
          status: 400,
        },
      );
    }
    clearCookie(res, this.config.publicUrl, COOKIES.passwordLink);
    res.redirect(303, '/login?passwordSet=1');
  }

  private invalid(req: Request, res: Response): void {
    clearCookie(res, this.config.publicUrl, COOKIES.passwordLink);
    this.renderer.page(
      req,
      res,
      'password/invalid',
      {},
      { title: this.renderer.t(req, 'dashboard.password.invalidPageTitle'), dashboard: true, status: 401, private: true },
    );
  }
}
