import { Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentMagicLink, MagicLinkOnly } from '../auth/auth.decorators';
import { Public } from '../platform/http/route-access';
import { MagicLinkPrincipal } from '../auth/principal';
import { EventsService } from '../events/events.service';
import { IdParam } from '../platform/http/id-param.pipe';
import { RateLimitGuard, RateLimited } from '../platform/http/rate-limit.guard';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { RequestLinkInput, requestLinkSchema } from '../auth/dto/request-link.dto';
import { UpdateRegistrationInput, updateRegistrationSchema } from './dto/update-registration.dto';
import { RegistrationCalendarService } from './registration-calendar.service';
import { RegistrationDataService } from './registration-data.service';
import { RegistrationDetailsService } from './registration-details.service';
import { RegistrationQueriesService } from './registration-queries.service';
import { RegistrationsService } from './registrations.service';
import { SessionSignupsService } from './session-signups.service';
import { registrationView } from './registration.view';
import { ApiFileResponse, ApiZodResponse, ApiZodResponseFrom } from '../platform/http/openapi/openapi-metadata';
import { PersonalDataSections } from './personal-data-sections';
import { detailSchema } from '../platform/http/openapi/response-fields';
import { myRegistrationResponse, mySessionResponse, mySessionsResponse, registrationResponse } from './registration.response';

/** What attendees do with the link from their email (the token as Bearer). */
@ApiTags('registration')
@Controller('registrations')
export class SelfServiceController {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly queries: RegistrationQueriesService,
    private readonly details: RegistrationDetailsService,
    private readonly calendar: RegistrationCalendarService,
    private readonly events: EventsService,
    private readonly signups: SessionSignupsService,
    private readonly personalData: RegistrationDataService,
  ) {}

  @Get('me')
  @ApiZodResponse(myRegistrationResponse, "The caller's registration.")
  @MagicLinkOnly('registration')
  async me(@CurrentMagicLink() link: MagicLinkPrincipal) {
    const event = await this.events.getEntity(link.eventId as string);
    return {
      ...(await this.queries.one(event.id, link.subjectId, event.timezone)),
      event: { id: event.id, title: event.title, slug: event.slug },
    };
  }

  @Patch('me')
  @ApiZodResponse(myRegistrationResponse, 'The changed registration.')
  @MagicLinkOnly('registration')
  @ApiZodBody(updateRegistrationSchema)
  async update(@CurrentMagicLink() link: MagicLinkPrincipal, @ZodBody(updateRegistrationSchema) body: UpdateRegistrationInput) {
    await this.details.update(link.eventId as string, link.subjectId, body);
    return this.me(link);
  }

  /** Cancels; the token keeps working so the attendee can see that it is cancelled. */
  @Delete('me')
  @ApiZodResponse(registrationResponse, 'The registration, cancelled.')
  @MagicLinkOnly('registration')
  async cancel(@CurrentMagicLink() link: MagicLinkPrincipal) {
    const { registration, person, event } = await this.registrations.cancel(link.eventId as string, link.subjectId);
    return registrationView(registration, person, event.timezone);
  }

  @Get('me.ics')
  @ApiFileResponse('text/calendar', "The attendee's calendar: the event and their sessions.")
  @MagicLinkOnly('registration')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  async calendarFile(@CurrentMagicLink() link: MagicLinkPrincipal): Promise<string> {
    const event = await this.events.getEntity(link.eventId as string);
    return this.calendar.personalFile(event, link.subjectId);
  }

  @Get('me/sessions')
  @ApiZodResponse(mySessionsResponse, "The attendee's session sign-ups.")
  @MagicLinkOnly('registration')
  async mySessions(@CurrentMagicLink() link: MagicLinkPrincipal) {
    const event = await this.events.getEntity(link.eventId as string);
    return { items: await this.signups.forRegistration(event.id, link.subjectId, event.timezone), nextCursor: null };
  }

  /** A seat in a session with limited places, or its waiting list when full; 409 when it overlaps another sign-up. */
  @Post('me/sessions/:sessionId')
  @ApiZodResponse(mySessionResponse, 'The sign-up: confirmed, or waitlisted when the session is full.')
  @MagicLinkOnly('registration')
  async signUp(@CurrentMagicLink() link: MagicLinkPrincipal, @Param('sessionId', new IdParam('session')) sessionId: string) {
    const event = await this.events.getEntity(link.eventId as string);
    return this.signups.signUp(event.id, link.subjectId, sessionId, event.timezone);
  }

  @Delete('me/sessions/:sessionId')
  @MagicLinkOnly('registration')
  @HttpCode(204)
  async leaveSession(@CurrentMagicLink() link: MagicLinkPrincipal, @Param('sessionId', new IdParam('session')) sessionId: string) {
    await this.signups.cancel(link.eventId as string, link.subjectId, sessionId);
  }

  /** Everything Plenary holds about the attendee for this event, as JSON (data portability). */
  @Get('me/data')
  @ApiZodResponseFrom(PersonalDataSections, 'Everything held about the attendee, as a download.')
  @MagicLinkOnly('registration')
  @Header('Content-Disposition', 'attachment; filename="my-registration.json"')
  async data(@CurrentMagicLink() link: MagicLinkPrincipal) {
    return this.personalData.export(link.eventId as string, link.subjectId);
  }

  /** Emails a fresh link to a registered address; the same answer whether or not it is registered. */
  @Post('link')
  @ApiZodResponse(detailSchema, 'Accepted; says nothing of whether the address is registered.')
  @Public()
  @RateLimited()
  @UseGuards(RateLimitGuard)
  @HttpCode(202)
  @ApiZodBody(requestLinkSchema)
  async requestLink(@ZodBody(requestLinkSchema) body: RequestLinkInput) {
    await this.registrations.resendLink(body.eventId, body.email);
    return { detail: 'If this address is registered for the event, a link to its registration is on its way' };
  }
}
