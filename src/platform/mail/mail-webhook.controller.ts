import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { Public } from '../http/route-access';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Problem } from '../http/problem';
import { ApiZodBody, ZodBody } from '../http/zod-body.decorator';
import { MailEventInput, mailEventsSchema } from './dto/mail-event.dto';
import { MailEventsService } from './mail-events.service';
import { ApiZodResponse } from '../http/openapi/openapi-metadata';
import { mailEventsResponse } from './mail-events.response';

/** `POST /webhooks/mail-events`, for the mail provider, authenticated by a shared secret. */
@ApiTags('operations')
@Controller('webhooks/mail-events')
export class MailWebhookController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailEvents: MailEventsService,
  ) {}

  @Post()
  @ApiZodResponse(mailEventsResponse, 'Recorded.')
  @Public()
  @HttpCode(200)
  @ApiZodBody(mailEventsSchema)
  receive(@Req() req: Request, @ZodBody(mailEventsSchema) events: MailEventInput[]) {
    const secret = this.config.mail.webhookSecret;
    if (!secret) throw Problem.notFound('The mail events webhook is not enabled (set PLENARY_MAIL_WEBHOOK_SECRET)');
    const given = Buffer.from(String(req.headers['x-plenary-webhook-secret'] ?? ''));
    const expected = Buffer.from(secret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw Problem.unauthorized('The X-Plenary-Webhook-Secret header does not match');
    }
    return this.mailEvents.record(events);
  }
}
