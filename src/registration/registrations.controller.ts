import { Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { organiserActor } from '../audit/audit.service';
import { CurrentOrganiser } from '../auth/auth.decorators';
import { OrganiserPrincipal } from '../auth/principal';
import { Public } from '../platform/http/route-access';
import { EventAccessGuard } from '../events/event-access.guard';
import { EventsService } from '../events/events.service';
import { IdParam } from '../platform/http/id-param.pipe';
import { Problem } from '../platform/http/problem';
import { RateLimitGuard, RateLimited } from '../platform/http/rate-limit.guard';
import { TableFormat, XLSX_TYPE, sendTable } from '../platform/http/table-download';
import { ZodValidationPipe } from '../platform/http/zod-validation.pipe';
import { ApiZodBody, ZodBody, ZodQuery } from '../platform/http/zod-body.decorator';
import { OrganiserRegisterInput, organiserRegisterSchema, registerSchema } from './dto/register.dto';
import { RegistrationListQuery, registrationListQuerySchema } from './dto/registration-query.dto';
import { UpdateRegistrationInput, updateRegistrationSchema } from './dto/update-registration.dto';
import { RegistrationDetailsService } from './registration-details.service';
import { RegistrationQueriesService } from './registration-queries.service';
import { registrationsTable } from './registrations-table';
import { RegistrationErasureService } from './registration-erasure.service';
import { IMPORT_COLUMNS, RegistrationsImportService } from './registrations-import.service';
import { RegistrationsService } from './registrations.service';
import { registrationView } from './registration.view';
import { ApiFileResponse, ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import {
  importResponse,
  registerResponse,
  registrationCountsResponse,
  registrationPageResponse,
  registrationResponse,
} from './registration.response';

const importQuerySchema = z.object({
  notify: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

@ApiTags('registration')
@Controller('events/:eventId/registrations')
export class RegistrationsController {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly queries: RegistrationQueriesService,
    private readonly details: RegistrationDetailsService,
    private readonly events: EventsService,
    private readonly importer: RegistrationsImportService,
    private readonly erasure: RegistrationErasureService,
  ) {}

  /**
   * One path for both audiences (design.md): the public gets `{id, status}`
   * while registration is open; a member organiser gets the whole
   * registration, any time.
   */
  @Post()
  @ApiZodResponse(registerResponse, 'Registered: confirmed, waitlisted or pending approval.')
  @Public()
  @RateLimited()
  @UseGuards(RateLimitGuard)
  @ApiZodBody(registerSchema)
  async register(@Param('eventId', new IdParam('event')) eventId: string, @Req() req: Request) {
    const principal = req.principal;
    if (principal?.kind === 'organiser' && (await this.events.roleOf(eventId, principal.organiserId))) {
      const input = new ZodValidationPipe(organiserRegisterSchema).transform(req.body) as OrganiserRegisterInput;
      const { registration, person, event } = await this.registrations.registerByOrganiser(await this.events.getEntity(eventId), input);
      return registrationView(registration, person, event.timezone);
    }
    const input = new ZodValidationPipe(registerSchema).transform(req.body);
    const { registration } = await this.registrations.registerPublic(eventId, input);
    return { id: registration.id, status: registration.status };
  }

  /**
   * JSON pages, or the whole filtered list as CSV (`Accept: text/csv`) or xlsx
   * (`Accept: ${XLSX_TYPE}` or `?format=xlsx`); `?download=1` makes the CSV
   * one a spreadsheet opens right (a BOM).
   */
  @Get()
  @ApiZodResponse(registrationPageResponse, 'A page of registrations.')
  @ApiFileResponse(
    'text/csv',
    'With `Accept: text/csv` or `?format=csv`: every registration the filters match (a UTF-8 BOM with `?download=1`).',
  )
  @ApiFileResponse(XLSX_TYPE, 'With the xlsx `Accept` type or `?format=xlsx`: the same rows as a spreadsheet.')
  @UseGuards(EventAccessGuard)
  async list(
    @Param('eventId') eventId: string,
    @ZodQuery(registrationListQuerySchema) query: RegistrationListQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    const event = await this.events.getEntity(eventId);
    const format = query.format ?? tableFormatAccepted(req);
    if (!format) return this.queries.page(eventId, event.timezone, query);
    const rows = await this.queries.export(eventId, event.timezone, query, format, { actor: organiserActor(me) });
    await sendTable(res, format, registrationsTable(event.slug, rows), { forPeople: query.download });
    return undefined;
  }

  /** Bulk entry: `Content-Type: text/csv` with a header line; answers which lines were refused and why. */
  @Post('import')
  @ApiZodResponse(importResponse, 'How many were registered, and the lines refused.')
  @HttpCode(200)
  @UseGuards(EventAccessGuard)
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      description:
        `Comma-separated, a header line naming columns among ${Object.keys(IMPORT_COLUMNS).join(', ')} (name and email required), ` +
        'then one registration a line, as the CSV export writes them. Up to 10 MB.',
    },
  })
  async import(
    @Param('eventId') eventId: string,
    @Req() req: Request,
    @ZodQuery(importQuerySchema) query: z.infer<typeof importQuerySchema>,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    if (typeof req.body !== 'string') {
      throw new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Send the registrations as text/csv');
    }
    return this.importer.import(await this.events.getEntity(eventId), req.body, query.notify, { actor: organiserActor(me) });
  }

  @Get('counts')
  @ApiZodResponse(registrationCountsResponse, 'Registrations by status.')
  @UseGuards(EventAccessGuard)
  counts(@Param('eventId') eventId: string) {
    return this.queries.counts(eventId);
  }

  @Get(':registrationId')
  @ApiZodResponse(registrationResponse, 'The registration.')
  @UseGuards(EventAccessGuard)
  async get(@Param('eventId') eventId: string, @Param('registrationId', new IdParam('registration')) registrationId: string) {
    const event = await this.events.getEntity(eventId);
    return this.queries.one(eventId, registrationId, event.timezone);
  }

  @Patch(':registrationId')
  @ApiZodResponse(registrationResponse, 'The changed registration.')
  @UseGuards(EventAccessGuard)
  @ApiZodBody(updateRegistrationSchema)
  async update(
    @Param('eventId') eventId: string,
    @Param('registrationId', new IdParam('registration')) registrationId: string,
    @ZodBody(updateRegistrationSchema) body: UpdateRegistrationInput,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    await this.details.update(eventId, registrationId, body, { actor: organiserActor(me) });
    const event = await this.events.getEntity(eventId);
    return this.queries.one(eventId, registrationId, event.timezone);
  }

  @Post(':registrationId/approve')
  @ApiZodResponse(registrationResponse, 'The registration, confirmed or waitlisted.')
  @HttpCode(200)
  @UseGuards(EventAccessGuard)
  async approve(
    @Param('eventId') eventId: string,
    @Param('registrationId', new IdParam('registration')) registrationId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    const { registration, person, event } = await this.registrations.approve(eventId, registrationId, { actor: organiserActor(me) });
    return registrationView(registration, person, event.timezone);
  }

  @Post(':registrationId/reject')
  @ApiZodResponse(registrationResponse, 'The registration, rejected.')
  @HttpCode(200)
  @UseGuards(EventAccessGuard)
  async reject(
    @Param('eventId') eventId: string,
    @Param('registrationId', new IdParam('registration')) registrationId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    const { registration, person, event } = await this.registrations.reject(eventId, registrationId, { actor: organiserActor(me) });
    return registrationView(registration, person, event.timezone);
  }

  /** Erases the person's data (name, email, organisation, answers); counts stay. */
  @Post(':registrationId/erase')
  @HttpCode(204)
  @UseGuards(EventAccessGuard)
  async erase(
    @Param('eventId') eventId: string,
    @Param('registrationId', new IdParam('registration')) registrationId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ): Promise<void> {
    await this.erasure.erase(eventId, registrationId, { actor: organiserActor(me) });
  }

  @Post(':registrationId/cancel')
  @ApiZodResponse(registrationResponse, 'The registration, cancelled; its seat goes to the waitlist.')
  @HttpCode(200)
  @UseGuards(EventAccessGuard)
  async cancel(
    @Param('eventId') eventId: string,
    @Param('registrationId', new IdParam('registration')) registrationId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    const { registration, person, event } = await this.registrations.cancel(eventId, registrationId, { actor: organiserActor(me) });
    return registrationView(registration, person, event.timezone);
  }
}

/** JSON unless the client prefers a table; a client naming no type gets JSON. */
function tableFormatAccepted(req: Request): TableFormat | null {
  const preferred = req.accepts(['application/json', 'text/csv', XLSX_TYPE]);
  if (preferred === 'text/csv') return 'csv';
  return preferred === XLSX_TYPE ? 'xlsx' : null;
}
