import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CERTIFICATE_WORDS, formatDay } from '../certificates/certificate-texts';
import { CertificatesService } from '../certificates/certificates.service';
import { WebPages } from './page-access';
import { WebPageError } from './web-page-error';
import { WebRenderer } from './web-renderer.service';

/**
 * `/c/:code`, where a certificate's QR code leads: whether it stands, and only
 * the name, the event and the days (or the presentation) it certifies, in the
 * certificate's language or the one the visitor picks. An unknown code is the 404 page.
 */
@Controller('c')
@WebPages('public')
export class CertificateVerificationController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly certificates: CertificatesService,
  ) {}

  @Get(':code')
  async verify(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const found = await this.certificates.verify(code);
    if (!found) throw new WebPageError(404, 'notFound');
    // The certificate's language, unless the visitor picked another (a consulate reading a Portuguese certificate in French).
    const language = req.languageChosen && req.language ? req.language : found.language;
    const words = CERTIFICATE_WORDS[language];
    this.renderer.page(
      req,
      res,
      'public/certificate',
      {
        heading: found.kind === 'attendance' ? words.attendanceTitle : words.presenterTitle,
        valid: found.valid,
        status: found.valid ? words.valid : words.revoked,
        name: found.name,
        eventTitle: found.eventTitle,
        days: found.days.map((day) => formatDay(day, language)),
        presentationTitle: found.presentationTitle,
        labels: { name: words.participant, event: words.event, days: words.daysAttended, presentation: words.presentation },
      },
      { title: words.verificationHeading, language, stylesheets: ['attendee.css'], private: true },
    );
  }
}
