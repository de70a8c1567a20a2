import { Controller, Get, HttpCode, Param, Post, Put, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentMagicLink, CurrentOrganiser, MagicLinkOnly } from '../auth/auth.decorators';
import { MagicLinkPrincipal, OrganiserPrincipal } from '../auth/principal';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiFileResponse, ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { Problem } from '../platform/http/problem';
import { Public } from '../platform/http/route-access';
import { ApiZodBody, ZodBody, ZodQuery } from '../platform/http/zod-body.decorator';
import { sendCertificatePdf } from './certificate-download';
import {
  certificatePageResponse,
  certificateResponse,
  certificateRunPageResponse,
  certificateRunRequestResponse,
  certificateRunResponse,
  certificateSettingsResponse,
} from './certificate.response';
import { CertificateRunsService } from './certificate-runs.service';
import { CertificatesService } from './certificates.service';
import {
  CertificateListQuery,
  CertificateSettingsInput,
  certificateListQuerySchema,
  certificateSettingsSchema,
} from './dto/certificate-settings.dto';

/** Organisers: what certificates say, sending them all, and the list of those issued. */
@ApiTags('certificates')
@Controller('events/:eventId/certificates')
@UseGuards(EventAccessGuard)
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly runs: CertificateRunsService,
  ) {}

  @Get()
  @ApiZodResponse(certificatePageResponse, "The event's certificates, newest first.")
  list(@Param('eventId') eventId: string, @ZodQuery(certificateListQuerySchema) query: CertificateListQuery) {
    return this.certificates.list(eventId, query);
  }

  @Get('settings')
  @ApiZodResponse(certificateSettingsResponse, 'The settings (defaults until saved).')
  async settings(@Param('eventId') eventId: string) {
    return settingsView(await this.certificates.settings(eventId));
  }

  @Put('settings')
  @ApiZodResponse(certificateSettingsResponse, 'The settings as saved.')
  @ApiZodBody(certificateSettingsSchema)
  async saveSettings(@Param('eventId') eventId: string, @ZodBody(certificateSettingsSchema) body: CertificateSettingsInput) {
    return settingsView(await this.certificates.saveSettings(eventId, body));
  }

  /** 202: a run issues every certificate and emails each person theirs, in the background. */
  @Post('runs')
  @HttpCode(202)
  @ApiZodResponse(certificateRunRequestResponse, 'The run, queued, or the one already under way.')
  request(@Param('eventId') eventId: string, @CurrentOrganiser() me: OrganiserPrincipal) {
    return this.runs.request(eventId, me.organiserId);
  }

  @Get('runs')
  @ApiZodResponse(certificateRunPageResponse, 'The latest runs, newest first.')
  listRuns(@Param('eventId') eventId: string) {
    return this.runs.list(eventId);
  }

  @Get('runs/:runId')
  @ApiZodResponse(certificateRunResponse, 'The run with its progress (done of total).')
  run(@Param('eventId') eventId: string, @Param('runId', new IdParam('certificate run')) runId: string) {
    return this.runs.get(eventId, runId);
  }

  @Post(':certificateId/revoke')
  @HttpCode(200)
  @ApiZodResponse(certificateResponse, 'Revoked: its verification page says so, and it is neither sent nor downloadable again.')
  revoke(@Param('eventId') eventId: string, @Param('certificateId', new IdParam('certificate')) certificateId: string) {
    return this.certificates.revoke(eventId, certificateId);
  }
}

/** Attendees and presenters download their own certificate with the token of their link. */
@ApiTags('certificates')
@Controller()
export class MyCertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('registrations/me/certificate.pdf')
  @MagicLinkOnly('registration')
  @ApiFileResponse('application/pdf', 'The certificate of attendance, naming the days checked in, drawn now.')
  async attendance(@CurrentMagicLink() link: MagicLinkPrincipal, @Res() res: Response) {
    await sendCertificatePdf(this.certificates, res, await this.certificates.forRegistration(link.eventId as string, link.subjectId));
  }

  @Get('me/presentations/:presentationId/certificate.pdf')
  @MagicLinkOnly('presenter')
  @ApiFileResponse('application/pdf', 'The certificate of presenting this presentation of the published agenda, drawn now.')
  async presenter(
    @CurrentMagicLink() link: MagicLinkPrincipal,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @Res() res: Response,
  ) {
    await sendCertificatePdf(
      this.certificates,
      res,
      await this.certificates.forPresenter(link.eventId as string, link.subjectId, presentationId),
    );
  }
}

/** The PDF behind a certificate's code: what its email links to. */
@ApiTags('certificates')
@Controller('c')
@Public()
export class CertificateCodeController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get(':code/certificate.pdf')
  @ApiFileResponse('application/pdf', 'The certificate, drawn now; 404 for an unknown or revoked code.')
  async pdf(@Param('code') code: string, @Res() res: Response) {
    const certificate = await this.certificates.byCode(code);
    if (!certificate || certificate.revokedAt) throw Problem.notFound('No valid certificate has this code');
    await sendCertificatePdf(this.certificates, res, certificate);
  }
}

function settingsView(s: {
  eventId: string;
  intro: string | null;
  signatoryName: string | null;
  signatoryTitle: string | null;
  issueMode: string;
}) {
  return { eventId: s.eventId, intro: s.intro, signatoryName: s.signatoryName, signatoryTitle: s.signatoryTitle, issueMode: s.issueMode };
}
