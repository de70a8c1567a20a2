import { Controller, Delete, Get, Param, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { ReorderInput, reorderSchema } from './dto/presentation.dto';
import { CreateSessionInput, UpdateSessionInput, createSessionSchema, updateSessionSchema } from './dto/session.dto';
import { PresentationsService } from './presentations.service';
import { SessionsService } from './sessions.service';
import { presentationPageResponse, sessionPageResponse, sessionResponse } from './agenda.response';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';

@ApiTags('agenda')
@Controller('events/:eventId/sessions')
@UseGuards(EventAccessGuard)
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly presentations: PresentationsService,
  ) {}

  @Post()
  @ApiZodResponse(sessionResponse, 'The new session.')
  @ApiZodBody(createSessionSchema)
  create(@Param('eventId') eventId: string, @ZodBody(createSessionSchema) body: CreateSessionInput) {
    return this.sessions.create(eventId, body);
  }

  /** The working agenda, which organisers edit; the public sees the latest published version. */
  @Get()
  @ApiZodResponse(sessionPageResponse, 'The working agenda.')
  list(@Param('eventId') eventId: string) {
    return this.sessions.list(eventId);
  }

  @Get(':sessionId')
  @ApiZodResponse(sessionResponse, 'The session.')
  get(@Param('eventId') eventId: string, @Param('sessionId', new IdParam('session')) sessionId: string) {
    return this.sessions.get(eventId, sessionId);
  }

  @Patch(':sessionId')
  @ApiZodResponse(sessionResponse, 'The changed session.')
  @ApiZodBody(updateSessionSchema)
  update(
    @Param('eventId') eventId: string,
    @Param('sessionId', new IdParam('session')) sessionId: string,
    @ZodBody(updateSessionSchema) body: UpdateSessionInput,
  ) {
    return this.sessions.update(eventId, sessionId, body);
  }

  @Delete(':sessionId')
  @ApiZodResponse(sessionResponse, 'The session, cancelled (one never published is removed).')
  cancel(@Param('eventId') eventId: string, @Param('sessionId', new IdParam('session')) sessionId: string) {
    return this.sessions.cancel(eventId, sessionId);
  }

  @Put(':sessionId/presentations/order')
  @ApiZodResponse(presentationPageResponse, "The session's presentations in their new order.")
  @ApiZodBody(reorderSchema)
  reorder(
    @Param('eventId') eventId: string,
    @Param('sessionId', new IdParam('session')) sessionId: string,
    @ZodBody(reorderSchema) body: ReorderInput,
  ) {
    return this.presentations.reorder(eventId, sessionId, body);
  }
}
