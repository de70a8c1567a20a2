import { Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import {
  CreateHighlightInput,
  CreateOutcomeInput,
  UpdateHighlightInput,
  UpdateOutcomeInput,
  createHighlightSchema,
  createOutcomeSchema,
  updateHighlightSchema,
  updateOutcomeSchema,
} from './dto/outcome.dto';
import { OutcomesService } from './outcomes.service';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { highlightPageResponse, highlightResponse, outcomePageResponse, outcomeResponse } from './report.response';

/** `/events/:eventId/outcomes`: what the event achieved, in the organisers' words, for its report. */
@ApiTags('reports')
@Controller('events/:eventId/outcomes')
@UseGuards(EventAccessGuard)
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Post()
  @ApiZodResponse(outcomeResponse, 'The new outcome.')
  @ApiZodBody(createOutcomeSchema)
  create(@Param('eventId') eventId: string, @ZodBody(createOutcomeSchema) body: CreateOutcomeInput) {
    return this.outcomes.createOutcome(eventId, body);
  }

  @Get()
  @ApiZodResponse(outcomePageResponse, "The event's outcomes.")
  list(@Param('eventId') eventId: string) {
    return this.outcomes.listOutcomes(eventId);
  }

  @Get(':outcomeId')
  @ApiZodResponse(outcomeResponse, 'The outcome.')
  get(@Param('eventId') eventId: string, @Param('outcomeId', new IdParam('outcome')) id: string) {
    return this.outcomes.getOutcome(eventId, id);
  }

  @Patch(':outcomeId')
  @ApiZodResponse(outcomeResponse, 'The changed outcome.')
  @ApiZodBody(updateOutcomeSchema)
  update(
    @Param('eventId') eventId: string,
    @Param('outcomeId', new IdParam('outcome')) id: string,
    @ZodBody(updateOutcomeSchema) body: UpdateOutcomeInput,
  ) {
    return this.outcomes.updateOutcome(eventId, id, body);
  }

  @Delete(':outcomeId')
  @HttpCode(204)
  remove(@Param('eventId') eventId: string, @Param('outcomeId', new IdParam('outcome')) id: string) {
    return this.outcomes.removeOutcome(eventId, id);
  }
}

/** `/events/:eventId/highlights`: quotes worth keeping, with who said them. */
@ApiTags('reports')
@Controller('events/:eventId/highlights')
@UseGuards(EventAccessGuard)
export class HighlightsController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Post()
  @ApiZodResponse(highlightResponse, 'The new highlight.')
  @ApiZodBody(createHighlightSchema)
  create(@Param('eventId') eventId: string, @ZodBody(createHighlightSchema) body: CreateHighlightInput) {
    return this.outcomes.createHighlight(eventId, body);
  }

  @Get()
  @ApiZodResponse(highlightPageResponse, "The event's highlights.")
  list(@Param('eventId') eventId: string) {
    return this.outcomes.listHighlights(eventId);
  }

  @Get(':highlightId')
  @ApiZodResponse(highlightResponse, 'The highlight.')
  get(@Param('eventId') eventId: string, @Param('highlightId', new IdParam('highlight')) id: string) {
    return this.outcomes.getHighlight(eventId, id);
  }

  @Patch(':highlightId')
  @ApiZodResponse(highlightResponse, 'The changed highlight.')
  @ApiZodBody(updateHighlightSchema)
  update(
    @Param('eventId') eventId: string,
    @Param('highlightId', new IdParam('highlight')) id: string,
    @ZodBody(updateHighlightSchema) body: UpdateHighlightInput,
  ) {
    return this.outcomes.updateHighlight(eventId, id, body);
  }

  @Delete(':highlightId')
  @HttpCode(204)
  remove(@Param('eventId') eventId: string, @Param('highlightId', new IdParam('highlight')) id: string) {
    return this.outcomes.removeHighlight(eventId, id);
  }
}
