import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventAccessGuard } from '../events/event-access.guard';
import { EventsService } from '../events/events.service';
import { IdParam } from '../platform/http/id-param.pipe';
import { formatInZone } from '../platform/time/zoned-time';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { sessionSignupsResponse } from './registration.response';

/** Who holds a seat, and who waits, in a session with limited places. */
@ApiTags('registration')
@Controller('events/:eventId/sessions/:sessionId/signups')
@UseGuards(EventAccessGuard)
export class SessionSignupsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
  ) {}

  @Get()
  @ApiZodResponse(sessionSignupsResponse, "The session's sign-ups.")
  async list(@Param('eventId') eventId: string, @Param('sessionId', new IdParam('session')) sessionId: string) {
    const event = await this.events.getEntity(eventId);
    const rows: Array<{ registration_id: string; name: string; organisation: string | null; status: string; created_at: Date }> =
      await this.db.query(
        `SELECT s.registration_id, p.name, p.organisation, s.status, s.created_at
         FROM session_signups s JOIN registrations r ON r.id = s.registration_id JOIN people p ON p.id = r.person_id
        WHERE s.session_id = $1 AND r.event_id = $2 AND s.status <> 'cancelled'
        ORDER BY s.status, s.created_at, s.id`,
        [sessionId, eventId],
      );
    return {
      items: rows.map((r) => ({
        registrationId: r.registration_id,
        name: r.name,
        organisation: r.organisation,
        status: r.status,
        signedUpAt: formatInZone(r.created_at, event.timezone),
      })),
      nextCursor: null,
    };
  }
}
