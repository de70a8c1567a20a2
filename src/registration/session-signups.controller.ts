import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventAccessGuard } from '../events/event-access.guard';
import { EventsService } from '../events/events.service';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { sessionSignupsResponse } from './registration.response';
import { SessionSignupsService } from './session-signups.service';

/** Who holds a seat, and who waits, in a session with limited places. */
@ApiTags('registration')
@Controller('events/:eventId/sessions/:sessionId/signups')
@UseGuards(EventAccessGuard)
export class SessionSignupsController {
  constructor(
    private readonly events: EventsService,
    private readonly signups: SessionSignupsService,
  ) {}

  @Get()
  @ApiZodResponse(sessionSignupsResponse, "The session's sign-ups.")
  async list(@Param('eventId') eventId: string, @Param('sessionId', new IdParam('session')) sessionId: string) {
    const event = await this.events.getEntity(eventId);
    return this.signups.forSession(event, sessionId);
  }
}
