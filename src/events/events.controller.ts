import { Controller, Get, HttpCode, Param, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentOrganiser } from '../auth/auth.decorators';
import { OrganiserPrincipal } from '../auth/principal';
import { PageQuery, pageQuerySchema } from '../platform/http/pagination';
import { ApiZodBody, ZodBody, ZodQuery } from '../platform/http/zod-body.decorator';
import { CreateEventInput, createEventSchema } from './dto/create-event.dto';
import { CancelEventInput, PostponeEventInput, cancelEventSchema, postponeEventSchema } from './dto/postpone-event.dto';
import { UpdateEventInput, updateEventSchema } from './dto/update-event.dto';
import { EventAccessGuard } from './event-access.guard';
import { EventsService } from './events.service';
import { eventPageResponse, eventResponse } from './event.response';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @ApiZodResponse(eventResponse, 'The new event.')
  @ApiZodBody(createEventSchema)
  create(@CurrentOrganiser() me: OrganiserPrincipal, @ZodBody(createEventSchema) body: CreateEventInput) {
    return this.events.create(me.organiserId, body);
  }

  @Get()
  @ApiZodResponse(eventPageResponse, "The caller's events.")
  list(@CurrentOrganiser() me: OrganiserPrincipal, @ZodQuery(pageQuerySchema) page: PageQuery) {
    return this.events.listFor(me.organiserId, page);
  }

  @Get(':eventId')
  @ApiZodResponse(eventResponse, 'The event.')
  @UseGuards(EventAccessGuard)
  get(@Param('eventId') eventId: string, @Req() req: Request) {
    return this.events.get(eventId, req.eventAccess?.role);
  }

  @Patch(':eventId')
  @ApiZodResponse(eventResponse, 'The changed event.')
  @UseGuards(EventAccessGuard)
  @ApiZodBody(updateEventSchema)
  update(
    @Param('eventId') eventId: string,
    @ZodBody(updateEventSchema) body: UpdateEventInput,
    @Req() req: Request,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    return this.events.update(eventId, body, req.eventAccess!.role, me);
  }

  @Post(':eventId/publish')
  @ApiZodResponse(eventResponse, 'The published event.')
  @HttpCode(200)
  @UseGuards(EventAccessGuard)
  publish(@Param('eventId') eventId: string, @Req() req: Request, @CurrentOrganiser() me: OrganiserPrincipal) {
    return this.events.publish(eventId, req.eventAccess!.role, me);
  }

  @Post(':eventId/cancel')
  @ApiZodResponse(eventResponse, 'The cancelled event.')
  @HttpCode(200)
  @UseGuards(EventAccessGuard)
  @ApiZodBody(cancelEventSchema)
  cancel(
    @Param('eventId') eventId: string,
    @ZodBody(cancelEventSchema) body: CancelEventInput,
    @Req() req: Request,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    return this.events.cancel(eventId, body, req.eventAccess!.role, me);
  }

  @Post(':eventId/postpone')
  @ApiZodResponse(eventResponse, 'The event at its new dates.')
  @HttpCode(200)
  @UseGuards(EventAccessGuard)
  @ApiZodBody(postponeEventSchema)
  postpone(
    @Param('eventId') eventId: string,
    @ZodBody(postponeEventSchema) body: PostponeEventInput,
    @Req() req: Request,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    return this.events.postpone(eventId, body, req.eventAccess!.role, me);
  }
}
