import { Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { detailSchema } from '../platform/http/openapi/response-fields';
import { RateLimitGuard, RateLimited } from '../platform/http/rate-limit.guard';
import { Public } from '../platform/http/route-access';
import { ApiZodBody, ZodBody, ZodQuery } from '../platform/http/zod-body.decorator';
import {
  CreateQuestionInput,
  CreateSurveyInput,
  SubmitAnswersInput,
  UpdateQuestionInput,
  UpdateSurveyInput,
  createQuestionSchema,
  createSurveySchema,
  submitAnswersSchema,
  updateQuestionSchema,
  updateSurveySchema,
} from './dto/survey.dto';
import { surveyFormResponse, surveyPageResponse, surveyResponse, surveyResultsResponse } from './survey.response';
import { SurveyForm, SurveysService } from './surveys.service';
import { formatInZone } from '../platform/time/zoned-time';

/** `/events/:eventId/surveys`: the organisers build feedback surveys and read their results. */
@ApiTags('surveys')
@Controller('events/:eventId/surveys')
@UseGuards(EventAccessGuard)
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post()
  @ApiZodResponse(surveyResponse, 'The new survey, a draft.')
  @ApiZodBody(createSurveySchema)
  create(@Param('eventId') eventId: string, @ZodBody(createSurveySchema) body: CreateSurveyInput) {
    return this.surveys.create(eventId, body);
  }

  @Get()
  @ApiZodResponse(surveyPageResponse, "The event's surveys.")
  list(@Param('eventId') eventId: string) {
    return this.surveys.list(eventId);
  }

  @Get(':surveyId')
  @ApiZodResponse(surveyResponse, 'The survey.')
  get(@Param('eventId') eventId: string, @Param('surveyId', new IdParam('survey')) surveyId: string) {
    return this.surveys.get(eventId, surveyId);
  }

  @Patch(':surveyId')
  @ApiZodResponse(surveyResponse, 'The changed survey.')
  @ApiZodBody(updateSurveySchema)
  update(
    @Param('eventId') eventId: string,
    @Param('surveyId', new IdParam('survey')) surveyId: string,
    @ZodBody(updateSurveySchema) body: UpdateSurveyInput,
  ) {
    return this.surveys.update(eventId, surveyId, body);
  }

  @Post(':surveyId/questions')
  @ApiZodResponse(surveyResponse, 'The survey with the new question (drafts only; 409 once open).')
  @ApiZodBody(createQuestionSchema)
  addQuestion(
    @Param('eventId') eventId: string,
    @Param('surveyId', new IdParam('survey')) surveyId: string,
    @ZodBody(createQuestionSchema) body: CreateQuestionInput,
  ) {
    return this.surveys.addQuestion(eventId, surveyId, body);
  }

  @Patch(':surveyId/questions/:questionId')
  @ApiZodResponse(surveyResponse, 'The survey with the changed question (drafts only).')
  @ApiZodBody(updateQuestionSchema)
  updateQuestion(
    @Param('eventId') eventId: string,
    @Param('surveyId', new IdParam('survey')) surveyId: string,
    @Param('questionId', new IdParam('question')) questionId: string,
    @ZodBody(updateQuestionSchema) body: UpdateQuestionInput,
  ) {
    return this.surveys.updateQuestion(eventId, surveyId, questionId, body);
  }

  @Delete(':surveyId/questions/:questionId')
  @HttpCode(204)
  removeQuestion(
    @Param('eventId') eventId: string,
    @Param('surveyId', new IdParam('survey')) surveyId: string,
    @Param('questionId', new IdParam('question')) questionId: string,
  ) {
    return this.surveys.removeQuestion(eventId, surveyId, questionId);
  }

  @Post(':surveyId/open')
  @HttpCode(200)
  @ApiZodResponse(surveyResponse, 'The survey, open for answers.')
  open(@Param('eventId') eventId: string, @Param('surveyId', new IdParam('survey')) surveyId: string) {
    return this.surveys.open(eventId, surveyId);
  }

  @Post(':surveyId/close')
  @HttpCode(200)
  @ApiZodResponse(surveyResponse, 'The survey, closed.')
  close(@Param('eventId') eventId: string, @Param('surveyId', new IdParam('survey')) surveyId: string) {
    return this.surveys.close(eventId, surveyId);
  }

  @Get(':surveyId/results')
  @ApiZodResponse(surveyResultsResponse, "The survey's results.")
  results(@Param('eventId') eventId: string, @Param('surveyId', new IdParam('survey')) surveyId: string) {
    return this.surveys.results(eventId, surveyId);
  }
}

const tokenQuery = z.strictObject({ token: z.string().min(1, 'required').max(200).describe('The token of the emailed survey link.') });

/** The survey as the person holding the link sees it. */
export function surveyFormView(form: SurveyForm) {
  return {
    title: form.survey.title,
    intro: form.survey.intro,
    eventTitle: form.eventTitle,
    anonymous: form.survey.anonymous,
    closesAt: form.survey.closesAt ? formatInZone(form.survey.closesAt, form.timezone) : null,
    questions: form.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      options: q.options,
      required: q.required,
      sessionId: q.sessionId,
      session: q.session,
    })),
  };
}

/**
 * `/survey-invitation?token=`: answering a survey by its emailed link,
 * without an account. 404 unknown link, 409 answered already, 410 closed.
 */
@ApiTags('surveys')
@Controller('survey-invitation')
export class SurveyInvitationController {
  constructor(private readonly surveys: SurveysService) {}

  @Get()
  @Public()
  @ApiZodResponse(surveyFormResponse, 'The survey to answer.')
  async form(@ZodQuery(tokenQuery) query: z.infer<typeof tokenQuery>) {
    return surveyFormView(await this.surveys.form(query.token));
  }

  @Post('answers')
  @Public()
  @RateLimited()
  @UseGuards(RateLimitGuard)
  @ApiZodResponse(detailSchema, 'The answers are recorded.', 201)
  @ApiZodBody(submitAnswersSchema)
  submit(@ZodQuery(tokenQuery) query: z.infer<typeof tokenQuery>, @ZodBody(submitAnswersSchema) body: SubmitAnswersInput) {
    return this.surveys.submit(query.token, body);
  }
}
