import { Controller, Get, Next, Param, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NextFunction, Response } from 'express';
import { EventAccessGuard } from '../events/event-access.guard';
import { ZodQuery } from '../platform/http/zod-body.decorator';
import { MaterialsOverviewQuery, materialsOverviewQuerySchema } from './dto/materials-overview-query.dto';
import { MaterialsOverviewService } from './materials-overview.service';
import { z } from 'zod';
import { presentationPageResponse } from '../agenda/agenda.response';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { materialsOverviewResponse } from './presenter.response';

/**
 * `GET /events/:eventId/presentations?materials=missing|submitted|all`: the
 * agenda's list of presentations with who has submitted materials, when, the
 * latest version, the deadline and lateness. The agenda's own route for this
 * path hands requests carrying `materials` on to the next route, and this one
 * hands on those without it, so the two split the path whichever Nest
 * registers first.
 */
/** One path, two handlers: the document holds one operation for both. */
const OVERVIEW_OR_LIST = "Without `materials`: the working agenda's presentations. With it: each with its materials status.";

@ApiTags('presenters')
@Controller('events/:eventId/presentations')
@UseGuards(EventAccessGuard)
export class MaterialsOverviewController {
  constructor(private readonly overview: MaterialsOverviewService) {}

  @Get()
  @ApiZodResponse(z.union([presentationPageResponse, materialsOverviewResponse]), OVERVIEW_OR_LIST)
  @ApiOperation({
    summary: "The event's presentations; with `materials`, each with its materials status",
    description:
      "Without `materials`: the working agenda's presentations. With it: who submitted, when, the latest version, `materialsDueAt` and lateness.",
  })
  async list(
    @Param('eventId') eventId: string,
    @ZodQuery(materialsOverviewQuerySchema) query: MaterialsOverviewQuery,
    @Res() res: Response,
    @Next() next: NextFunction,
  ) {
    if (query.materials === undefined) return next();
    res.json(await this.overview.list(eventId, query.materials, query.sessionId));
  }
}
