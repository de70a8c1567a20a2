import { Controller, Delete, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { organiserActor } from '../audit/audit.service';
import { CurrentOrganiser } from '../auth/auth.decorators';
import { OrganiserPrincipal } from '../auth/principal';
import { EventAccessGuard } from '../events/event-access.guard';
import { EventsService } from '../events/events.service';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodBody, ZodBody, ZodQuery } from '../platform/http/zod-body.decorator';
import { CheckInsService } from './check-ins.service';
import { CheckInInput, checkInSchema } from './dto/check-in.dto';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { checkInResponse, checkInsResponse } from './registration.response';

const listQuerySchema = z.object({ day: z.iso.date({ message: 'expected a date such as 2019-10-08' }).optional() });

@ApiTags('registration')
@Controller('events/:eventId/check-ins')
@UseGuards(EventAccessGuard)
export class CheckInsController {
  constructor(
    private readonly checkIns: CheckInsService,
    private readonly events: EventsService,
  ) {}

  /** 201 for a new check-in; 200 "already checked in at HH:MM" for a second scan the same day. */
  @Post()
  @ApiZodResponse(checkInResponse, 'Checked in.')
  @ApiZodResponse(checkInResponse, 'Already checked in that day.', 200)
  @ApiZodBody(checkInSchema)
  async checkIn(
    @Param('eventId') eventId: string,
    @ZodBody(checkInSchema) body: CheckInInput,
    @CurrentOrganiser() me: OrganiserPrincipal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { created, view } = await this.checkIns.checkIn(await this.events.getEntity(eventId), body, { actor: organiserActor(me) });
    res.status(created ? 201 : 200);
    return view;
  }

  /** Takes back a check-in made by mistake (the wrong person, the wrong day); any organiser of the event may. */
  @Delete(':checkInId')
  @HttpCode(204)
  async undo(
    @Param('eventId') eventId: string,
    @Param('checkInId', new IdParam('check-in')) checkInId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    await this.checkIns.undo(eventId, checkInId, { actor: organiserActor(me) });
  }

  @Get()
  @ApiZodResponse(checkInsResponse, "The day's check-ins, with counts by day.")
  async list(@Param('eventId') eventId: string, @ZodQuery(listQuerySchema) query: z.infer<typeof listQuerySchema>) {
    return this.checkIns.list(await this.events.getEntity(eventId), query.day);
  }
}
