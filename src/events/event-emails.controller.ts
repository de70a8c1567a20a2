import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { pageQuerySchema } from '../platform/http/pagination';
import { ZodQuery } from '../platform/http/zod-body.decorator';
import { OutboxService } from '../platform/mail/outbox.service';
import { formatInZone } from '../platform/time/zoned-time';
import { EventAccessGuard } from './event-access.guard';
import { EventsService } from './events.service';

const emailQuerySchema = pageQuerySchema.extend({
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled']).optional(),
  kind: z.string().max(100).optional(),
});

/** The event's outbox: every email it caused, with its delivery status. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('events/:eventId/emails')
@UseGuards(EventAccessGuard)
export class EventEmailsController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly events: EventsService,
  ) {}

  @Get()
  async list(@Param('eventId') eventId: string, @ZodQuery(emailQuerySchema) query: z.infer<typeof emailQuerySchema>) {
    const [{ timezone }, page] = await Promise.all([this.events.getEntity(eventId), this.outbox.listForEvent(eventId, query)]);
    const at = (value: string | null) => (value ? formatInZone(new Date(value), timezone) : null);
    return {
      ...page,
      items: page.items.map((email) => ({ ...email, createdAt: at(email.createdAt), sentAt: at(email.sentAt), failedAt: at(email.failedAt) })),
    };
  }
}
