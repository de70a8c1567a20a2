import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IdParam } from '../platform/http/id-param.pipe';
import { pageQuerySchema } from '../platform/http/pagination';
import { ZodQuery } from '../platform/http/zod-body.decorator';
import { OutboxService } from '../platform/mail/outbox.service';
import { formatInZone } from '../platform/time/zoned-time';
import { EventAccessGuard } from './event-access.guard';
import { EventsService } from './events.service';
import { eventEmailsResponse, resentEmailResponse } from './event.response';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';

export const emailQuerySchema = pageQuerySchema.extend({
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'bounced', 'cancelled']).optional(),
  kind: z.string().max(100).optional(),
});

/** The event's outbox: every email it caused, with its delivery status. */
@ApiTags('events')
@Controller('events/:eventId/emails')
@UseGuards(EventAccessGuard)
export class EventEmailsController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly events: EventsService,
  ) {}

  @Get()
  @ApiZodResponse(eventEmailsResponse, "The event's outbox, with counts by status and kind.")
  async list(@Param('eventId') eventId: string, @ZodQuery(emailQuerySchema) query: z.infer<typeof emailQuerySchema>) {
    const [{ timezone }, page] = await Promise.all([this.events.getEntity(eventId), this.outbox.listForEvent(eventId, query)]);
    const at = (value: string | null) => (value ? formatInZone(new Date(value), timezone) : null);
    return {
      ...page,
      items: page.items.map((email) => ({
        ...email,
        createdAt: at(email.createdAt),
        sentAt: at(email.sentAt),
        failedAt: at(email.failedAt),
        bouncedAt: at(email.bouncedAt),
      })),
      counts: await this.outbox.countsForEvent(eventId),
    };
  }

  /** Sends a failed, bounced or held-back email again; answers the email as it now stands (queued). */
  @Post(':emailId/resend')
  @ApiZodResponse(resentEmailResponse, 'The email, queued again.')
  @HttpCode(202)
  async resend(@Param('eventId') eventId: string, @Param('emailId', new IdParam('email')) emailId: string) {
    const email = await this.outbox.resend(eventId, emailId);
    return { id: email.id, status: email.status, to: email.toAddress, subject: email.subject };
  }
}
