import { Controller, Delete, Get, Headers, Param, Patch, Post, Put, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { versionTag } from '../platform/http/entity-version-tag';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { ReorderInput, reorderSchema } from './dto/presentation.dto';
import { CreateSessionInput, UpdateSessionInput, createSessionSchema, updateSessionSchema } from './dto/session.dto';
import { PresentationsService } from './presentations.service';
import { SessionsService } from './sessions.service';
import { presentationPageResponse, sessionPageResponse, sessionResponse } from './agenda.response';
import { ApiEmptyResponse, ApiZodResponse } from '../platform/http/openapi/openapi-metadata';

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
  @ApiZodResponse(sessionResponse, 'The session; its version is also the ETag.')
  async get(
    @Param('eventId') eventId: string,
    @Param('sessionId', new IdParam('session')) sessionId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return tagged(res, await this.sessions.get(eventId, sessionId));
  }

  /** `If-Match` with the version last read (ETag) refuses a stale save with 412 and the session as it now is. */
  @Patch(':sessionId')
  @ApiZodResponse(sessionResponse, 'The changed session.')
  @ApiZodBody(updateSessionSchema)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The session version (its ETag) this change is based on' })
  async update(
    @Param('eventId') eventId: string,
    @Param('sessionId', new IdParam('session')) sessionId: string,
    @ZodBody(updateSessionSchema) body: UpdateSessionInput,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return tagged(res, await this.sessions.update(eventId, sessionId, body, ifMatch));
  }

  /** Cancels a session some published version shows (200, the session); removes one never published (204). */
  @Delete(':sessionId')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The session version (its ETag) this deletion is based on' })
  @ApiZodResponse(sessionResponse, 'A session some published version shows: cancelled, announced by the next version.')
  @ApiEmptyResponse(204, 'A session no published version shows: removed.')
  async delete(
    @Param('eventId') eventId: string,
    @Param('sessionId', new IdParam('session')) sessionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const cancelled = await this.sessions.delete(eventId, sessionId, ifMatch);
    if (!cancelled) {
      res.status(204);
      return;
    }
    return tagged(res, cancelled);
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

/** The session's version as its ETag, for the next If-Match. */
function tagged<T extends { version: number }>(res: Response, session: T): T {
  res.setHeader('ETag', versionTag(session.version));
  return session;
}
