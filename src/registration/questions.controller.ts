import { Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../platform/http/route-access';
import { EventAccessGuard } from '../events/event-access.guard';
import { EventsService } from '../events/events.service';
import { IdParam } from '../platform/http/id-param.pipe';
import { Problem } from '../platform/http/problem';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { CreateQuestionInput, UpdateQuestionInput, createQuestionSchema, updateQuestionSchema } from './dto/question.dto';
import { QuestionsService } from './questions.service';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { questionPageResponse, questionResponse } from './registration.response';

@ApiTags('registration')
@Controller('events/:eventId/questions')
export class QuestionsController {
  constructor(
    private readonly questions: QuestionsService,
    private readonly events: EventsService,
  ) {}

  @Post()
  @ApiZodResponse(questionResponse, 'The new question.')
  @UseGuards(EventAccessGuard)
  @ApiZodBody(createQuestionSchema)
  create(@Param('eventId') eventId: string, @ZodBody(createQuestionSchema) body: CreateQuestionInput) {
    return this.questions.create(eventId, body);
  }

  /** Public once the event is: the registration form shows them. */
  @Get()
  @ApiZodResponse(questionPageResponse, "The registration form's questions.")
  @Public()
  async list(@Param('eventId', new IdParam('event')) eventId: string) {
    const event = await this.events.getEntity(eventId);
    if (event.status === 'draft') throw Problem.notFound(`No event ${eventId}`);
    return this.questions.list(eventId);
  }

  @Patch(':questionId')
  @ApiZodResponse(questionResponse, 'The changed question.')
  @UseGuards(EventAccessGuard)
  @ApiZodBody(updateQuestionSchema)
  update(
    @Param('eventId') eventId: string,
    @Param('questionId', new IdParam('question')) questionId: string,
    @ZodBody(updateQuestionSchema) body: UpdateQuestionInput,
  ) {
    return this.questions.update(eventId, questionId, body);
  }

  @Delete(':questionId')
  @UseGuards(EventAccessGuard)
  @HttpCode(204)
  remove(@Param('eventId') eventId: string, @Param('questionId', new IdParam('question')) questionId: string) {
    return this.questions.remove(eventId, questionId);
  }
}
