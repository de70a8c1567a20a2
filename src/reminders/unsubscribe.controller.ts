import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../platform/http/route-access';
import { MagicLinkService } from '../auth/magic-link.service';
import { Problem } from '../platform/http/problem';
import { escapeHtml } from '../platform/mail/mail-template';
import { ApiFileResponse, ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { detailSchema } from '../platform/http/openapi/response-fields';
import { AnnouncementsRepository } from './announcements.repository';

/**
 * The List-Unsubscribe target of optional announcements: a GET shows a
 * button (mail scanners follow GETs), the POST (also RFC 8058 one-click)
 * records the opt-out for that event.
 */
@ApiTags('reminders')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly announcements: AnnouncementsRepository,
    private readonly magicLinks: MagicLinkService,
  ) {}

  @Get()
  @ApiFileResponse('text/html', 'A page with a button that unsubscribes.')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Query('token') token = ''): string {
    return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Unsubscribe</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto"><h1>No more news of this event?</h1>
<form method="post" action="?token=${encodeURIComponent(escapeHtml(token))}"><button type="submit">Stop optional announcements</button></form>
<p>Practical messages about your registration (confirmations, changes) still reach you.</p></body></html>`;
  }

  @Post()
  @ApiZodResponse(detailSchema, 'Unsubscribed from optional announcements.')
  @Public()
  @HttpCode(200)
  async unsubscribe(@Query('token') token = '') {
    const link = await this.magicLinks.verify(token);
    if (!link || link.subject.type !== 'opt-out' || !link.subject.eventId) throw Problem.notFound('This unsubscribe link is not valid');
    await this.announcements.optOut(link.subject.eventId, link.subject.id);
    return { detail: 'You will receive no more optional announcements of this event' };
  }
}
