import { Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Public } from '../platform/http/route-access';
import { EventAccessGuard } from '../events/event-access.guard';
import { EventsService } from '../events/events.service';
import { IdParam } from '../platform/http/id-param.pipe';
import { Problem } from '../platform/http/problem';
import { RateLimitGuard, RateLimited } from '../platform/http/rate-limit.guard';
import { ZodValidationPipe } from '../platform/http/zod-validation.pipe';
import { ApiZodBody, ZodBody, ZodQuery } from '../platform/http/zod-body.decorator';
import { OrganiserRegisterInput, organiserRegisterSchema, registerSchema } from './dto/register.dto';
import { RegistrationQuery, registrationQuerySchema } from './dto/registration-query.dto';
import { UpdateRegistrationInput, updateRegistrationSchema } from './dto/update-registration.dto';
import { RegistrationDetailsService } from './registration-details.service';
import { RegistrationQueriesService } from './registration-queries.service';
import { registrationCsvLine, registrationsCsvHeader } from './registrations-csv';
import { RegistrationErasureService } from './registration-erasure.service';
import { RegistrationsImportService } from './registrations-import.service';
import { RegistrationsService } from './registrations.service';
import { registrationView } from './registration.view';

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

  /** JSON pages, or the whole filtered list as CSV with `Accept: text/csv`. */
  @Get()
  @ApiBearerAuth()
  @UseGuards(EventAccessGuard)
  async list(
    @Param('eventId') eventId: string,
    @ZodQuery(registrationQuerySchema) query: RegistrationQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const event = await this.events.getEntity(eventId);
    if (!req.accepts(['application/json', 'text/csv']) || req.accepts(['application/json', 'text/csv']) === 'application/json') {
      return this.queries.page(eventId, event.timezone, query);
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${event.slug}-registrations.csv"`);
    res.write(registrationsCsvHeader);
    for await (const registration of this.queries.all(eventId, event.timezone, query)) {
      if (!res.write(registrationCsvLine(registration))) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
    return undefined;
  }

  /** Bulk entry: `Content-Type: text/csv` with a header line; answers which lines were refused and why. */
  @Post('import')
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(EventAccessGuard)
  @ApiConsumes('text/csv')
  async import(
    @Param('eventId') eventId: string,
    @Req() req: Request,
    @ZodQuery(importQuerySchema) query: z.infer<typeof importQuerySchema>,
  ) {
    if (typeof req.body !== 'string') {
      throw new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Send the registrations as text/csv');
    }
    return this.importer.import(await this.events.getEntity(eventId), req.body, query.notify);
  }

  @Get('counts')
  @ApiBearerAuth()
  @UseGuards(EventAccessGuard)
  counts(@Param('eventId') eventId: string) {
    return this.queries.counts(eventId);
  }

  @Get(':registrationId')
  @ApiBearerAuth()
  @UseGuards(EventAccessGuard)
  async get(@Param('eventId') eventId: string, @Param('registrationId', new IdParam('registration')) registrationId: string) {
    const event = await this.events.getEntity(eventId);
    return this.queries.one(eventId, registrationId, event.timezone);
  }

  @Patch(':registrationId')
  @ApiBearerAuth()
  @UseGuards(EventAccessGuard)
  @ApiZodBody(updateRegistrationSchema)
  async update(
    @Param('eventId') eventId: string,
    @Param('registrationId', new IdParam('registration')) registrationId: string,
    @ZodBody(updateRegistrationSchema) body: UpdateRegistrationInput,
  ) {
    await this.details.update(eventId, registrationId, body);
    const event = await this.events.getEntity(eventId);
    return this.queries.one(eventId, registrationId, event.timezone);
  }

  @Post(':registrationId/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(EventAccessGuard)
  async approve(@Param('eventId') eventId: string, @Param('registrationId', new IdParam('registration')) registrationId: string) {
    const { registration, person, event } = await this.registrations.approve(eventId, registrationId);
    return registrationView(registration, person, event.timezone);
  }

  @Post(':registrationId/reject')
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(EventAccessGuard)
  async reject(@Param('eventId') eventId: string, @Param('registrationId', new IdParam('registration')) registrationId: string) {
    const { registration, person, event } = await this.registrations.reject(eventId, registrationId);
    return registrationView(registration, person, event.timezone);
  }

  /** Erases the person's data (name, email, organisation, answers); counts stay. */
  @Post(':registrationId/erase')
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(EventAccessGuard)
  async erase(
    @Param('eventId') eventId: string,
    @Param('registrationId', new IdParam('registration')) registrationId: string,
  ): Promise<void> {
    await this.erasure.erase(eventId, registrationId);
  }

  @Post(':registrationId/cancel')
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(EventAccessGuard)
  async cancel(@Param('eventId') eventId: string, @Param('registrationId', new IdParam('registration')) registrationId: string) {
    const { registration, person, event } = await this.registrations.cancel(eventId, registrationId);
    return registrationView(registration, person, event.timezone);
  }
}
