import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { pageQuerySchema } from '../platform/http/pagination';
import { ZodQuery } from '../platform/http/zod-body.decorator';
import { OutboxService } from '../platform/mail/outbox.service';
import { EventAccessGuard } from './event-access.guard';

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
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  list(@Param('eventId') eventId: string, @ZodQuery(emailQuerySchema) query: z.infer<typeof emailQuerySchema>) {
    return this.outbox.listForEvent(eventId, query);
  }
}
