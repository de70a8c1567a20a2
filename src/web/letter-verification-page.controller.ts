import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LettersService } from '../letters/letters.service';
import { Problem } from '../platform/http/problem';
import { RateLimitGuard, RateLimited } from '../platform/http/rate-limit.guard';
import { describeSpan } from '../platform/time/zoned-time';
import { LOCALES } from './i18n/languages';
import { translate } from './i18n/messages';
import { WebPages } from './page-access';
import { WebRenderer } from './web-renderer.service';

/**
 * `/letters/verify/:reference?t=…`: the address printed on a visa invitation letter. A consulate
 * sees the letter's reference, name, event, dates and whether it is valid, and checks a passport
 * number against it; the number on file is never shown. Any other token is a 404.
 */
@Controller('letters/verify')
@WebPages('public')
export class LetterVerificationPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly letters: LettersService,
  ) {}

  @Get(':reference')
  @RateLimited()
  @UseGuards(RateLimitGuard)
  async show(@Req() req: Request, @Res() res: Response, @Param('reference') reference: string, @Query('t') token: unknown): Promise<void> {
    await this.page(req, res, reference, typeof token === 'string' ? token : '', null);
  }

  /** Rate-limited like every public form: a consulate types a few numbers, not thousands. */
  @Post(':reference')
  @RateLimited()
  @UseGuards(RateLimitGuard)
  async check(
    @Req() req: Request,
    @Res() res: Response,
    @Param('reference') reference: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const token = typeof body.t === 'string' ? body.t : '';
    const number = typeof body.passportNumber === 'string' ? body.passportNumber.slice(0, 40) : '';
    await this.page(req, res, reference, token, number);
  }

  private async page(req: Request, res: Response, reference: string, token: string, number: string | null): Promise<void> {
    const language = req.language ?? 'en';
    const options = { title: translate(language, 'letters.verify.title'), language, private: true, stylesheets: ['attendee.css'] };
    let letter: Awaited<ReturnType<LettersService['verification']>>;
    try {
      letter = await this.letters.verification(reference, token);
    } catch (error) {
      if (!(error instanceof Problem) || error.getStatus() !== 404) throw error;
      return this.renderer.page(req, res, 'public/letter-verification', { notFound: true }, { ...options, status: 404 });
    }
    const match = number?.trim() ? (await this.letters.checkPassport(reference, token, number)).match : null;
    this.renderer.page(
      req,
      res,
      'public/letter-verification',
      {
        letter: {
          ...letter,
          span: describeSpan(new Date(letter.event.startsAt), new Date(letter.event.endsAt), letter.timezone, LOCALES[language]),
          valid: letter.status === 'valid',
        },
        token,
        checked: match !== null,
        match,
      },
      options,
    );
  }
}
