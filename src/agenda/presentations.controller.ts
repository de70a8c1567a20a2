import { Controller, Delete, Get, HttpCode, Next, Param, Patch, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { NextFunction, Response } from 'express';
import { z } from 'zod';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodBody, ZodBody, ZodQuery } from '../platform/http/zod-body.decorator';
import {
  CreatePresentationInput,
  UpdatePresentationInput,
  createPresentationSchema,
  updatePresentationSchema,
} from './dto/presentation.dto';
import { PresentationsService } from './presentations.service';
import { presentationPageResponse, presentationResponse } from './agenda.response';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';

const listQuerySchema = z.object({
  sessionId: z.uuid({ message: 'expected an id' }).optional(),
  /** Answered by a downstream module's route for this same path (the presenters' materials status). */
  materials: z.unknown().optional(),
});

@ApiTags('agenda')
@Controller('events/:eventId/presentations')
@UseGuards(EventAccessGuard)
export class PresentationsController {
  constructor(private readonly presentations: PresentationsService) {}

  @Post()
  @ApiZodResponse(presentationResponse, 'The new presentation.')
  @ApiZodBody(createPresentationSchema)
  create(@Param('eventId') eventId: string, @ZodBody(createPresentationSchema) body: CreatePresentationInput) {
    return this.presentations.create(eventId, body);
  }

  /**
   * With `?materials=` the request goes on to the next route for this path,
   * which a downstream module registers; the agenda knows nothing of it.
   */
  @Get()
  @ApiZodResponse(presentationPageResponse, "The working agenda's presentations; with `materials`, see the materials overview.")
  async list(
    @Param('eventId') eventId: string,
    @ZodQuery(listQuerySchema) query: z.infer<typeof listQuerySchema>,
    @Res() res: Response,
    @Next() next: NextFunction,
  ) {
    if (query.materials !== undefined) return next();
    res.json(await this.presentations.list(eventId, query.sessionId));
  }

  @Get(':presentationId')
  @ApiZodResponse(presentationResponse, 'The presentation.')
  get(@Param('eventId') eventId: string, @Param('presentationId', new IdParam('presentation')) presentationId: string) {
    return this.presentations.get(eventId, presentationId);
  }

  @Patch(':presentationId')
  @ApiZodResponse(presentationResponse, 'The changed presentation.')
  @ApiZodBody(updatePresentationSchema)
  update(
    @Param('eventId') eventId: string,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @ZodBody(updatePresentationSchema) body: UpdatePresentationInput,
  ) {
    return this.presentations.update(eventId, presentationId, body);
  }

  @Delete(':presentationId')
  @HttpCode(204)
  remove(@Param('eventId') eventId: string, @Param('presentationId', new IdParam('presentation')) presentationId: string) {
    return this.presentations.remove(eventId, presentationId);
  }
}
