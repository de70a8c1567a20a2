import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SessionsService } from '../agenda/sessions.service';
import { RegistrationQueriesService } from '../registration/registration-queries.service';
import { hashToken, newSecretToken } from '../auth/secret-token';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { EventsService } from '../events/events.service';
import { parseEventTimes } from '../events/event-times';
import { TransactionService } from '../platform/database/transaction.service';
import { FieldError, Problem } from '../platform/http/problem';
import { formatInZone } from '../platform/time/zoned-time';
import { CreateQuestionInput, CreateSurveyInput, SubmitAnswersInput, UpdateQuestionInput, UpdateSurveyInput } from './dto/survey.dto';
import { SurveyQuestion } from './survey-question.entity';
import { Survey } from './survey.entity';
import { SurveyResults, surveyResults } from './surveys-reporting';
import { AnswerRow, SurveysRepository } from './surveys.repository';

/** The page and API path a survey link opens. */
export const SURVEY_LINK_PATH = '/survey';

const isClosed = (survey: Survey, now = Date.now()) =>
  survey.status === 'closed' || (survey.closesAt !== null && survey.closesAt.getTime() <= now);

/** What an invitation's holder sees: the survey and its questions, nothing about other people. */
export interface SurveyForm {
  survey: Survey;
  eventTitle: string;
  timezone: string;
  /** The language the attendee registered with, which their pages speak unless they choose another. */
  language: string | null;
  questions: Array<SurveyQuestion & { session: string | null }>;
}

/**
 * Feedback surveys: organisers build them and read their results; checked-in
 * attendees answer them once each, by the link a reminder rule sends them.
 */
@Injectable()
export class SurveysService {
  constructor(
    private readonly repository: SurveysRepository,
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly sessions: SessionsService,
    private readonly registrations: RegistrationQueriesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(eventId: string, input: CreateSurveyInput) {
    const event = await this.events.getEntity(eventId);
    const { closesAt } = parseEventTimes({ closesAt: input.closesAt }, event.timezone);
    await this.checkSessions(
      eventId,
      input.questions.map((q, i) => ({ field: `questions[${i}].sessionId`, sessionId: q.sessionId ?? null })),
    );
    const id = await this.transactions.run(async ({ manager }) => {
      const survey = await this.repository.saveSurvey(manager, {
        eventId,
        title: input.title,
        intro: input.intro,
        anonymous: input.anonymous,
        closesAt: closesAt ?? null,
      });
      await this.repository.saveQuestions(
        manager,
        input.questions.map((q, i) => this.newQuestion(survey.id, q, q.position ?? i + 1)),
      );
      return survey.id;
    });
    return this.get(eventId, id);
  }

  async list(eventId: string) {
    const event = await this.events.getEntity(eventId);
    const surveys = await this.repository.surveysOf(eventId);
    return { items: await Promise.all(surveys.map((s) => this.view(s, event.timezone))), nextCursor: null };
  }

  async get(eventId: string, surveyId: string) {
    const event = await this.events.getEntity(eventId);
    return this.view(await this.load(eventId, surveyId), event.timezone);
  }

  async update(eventId: string, surveyId: string, input: UpdateSurveyInput) {
    const event = await this.events.getEntity(eventId);
    const survey = await this.load(eventId, surveyId);
    if (input.anonymous !== undefined && input.anonymous !== survey.anonymous && survey.status !== 'draft') {
      throw Problem.conflict('Whether a survey is anonymous is fixed once it opens: people answered on those terms');
    }
    const { closesAt } = parseEventTimes({ closesAt: input.closesAt }, event.timezone);
    if (input.title !== undefined) survey.title = input.title;
    if (input.intro !== undefined) survey.intro = input.intro;
    if (input.anonymous !== undefined) survey.anonymous = input.anonymous;
    if (closesAt !== undefined) survey.closesAt = closesAt;
    await this.repository.saveSurvey(this.repository.manager, survey);
    return this.get(eventId, surveyId);
  }

  async addQuestion(eventId: string, surveyId: string, input: CreateQuestionInput) {
    const survey = await this.editable(eventId, surveyId);
    await this.checkSessions(eventId, [{ field: 'sessionId', sessionId: input.sessionId ?? null }]);
    await this.transactions.run(async ({ manager }) => {
      const position = input.position ?? (await this.repository.nextPosition(manager, survey.id));
      await this.repository.saveQuestions(manager, [this.newQuestion(survey.id, input, position)]);
    });
    return this.get(eventId, surveyId);
  }

  async updateQuestion(eventId: string, surveyId: string, questionId: string, input: UpdateQuestionInput) {
    const survey = await this.editable(eventId, surveyId);
    const question = await this.repository.findQuestion(survey.id, questionId);
    if (!question) throw Problem.notFound(`No question ${questionId} in this survey`);
    if (input.sessionId !== undefined) await this.checkSessions(eventId, [{ field: 'sessionId', sessionId: input.sessionId }]);
    Object.assign(question, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
    const choice = question.kind === 'single_choice' || question.kind === 'multiple_choice';
    if (choice ? question.options.length < 2 : question.options.length > 0) {
      throw Problem.badRequest('The options do not fit the kind of question', [
        { field: 'options', message: 'a choice question needs 2 to 20 options; the other kinds none' },
      ]);
    }
    await this.repository.saveQuestions(this.repository.manager, [question]);
    return this.get(eventId, surveyId);
  }

  async removeQuestion(eventId: string, surveyId: string, questionId: string): Promise<void> {
    const survey = await this.editable(eventId, surveyId);
    if (!(await this.repository.findQuestion(survey.id, questionId))) throw Problem.notFound(`No question ${questionId} in this survey`);
    await this.repository.deleteQuestion(questionId);
  }

  /** Opens a draft for answers: from now on the reminder rule that carries it sends links. */
  async open(eventId: string, surveyId: string) {
    const survey = await this.load(eventId, surveyId);
    if (survey.status !== 'draft') throw Problem.conflict(`The survey is ${survey.status} already`);
    if ((await this.repository.questionsOf(surveyId)).length === 0) {
      throw Problem.unprocessable('A survey needs at least one question before it opens', [{ field: 'questions', message: 'none yet' }]);
    }
    await this.repository.changeStatus(surveyId, ['draft'], 'open');
    return this.get(eventId, surveyId);
  }

  async close(eventId: string, surveyId: string) {
    await this.load(eventId, surveyId);
    await this.repository.changeStatus(surveyId, ['draft', 'open'], 'closed');
    return this.get(eventId, surveyId);
  }

  async results(eventId: string, surveyId: string): Promise<SurveyResults> {
    await this.load(eventId, surveyId);
    const [results] = surveyResults(await this.repository.results(eventId, surveyId));
    return results;
  }

  /** Whether a rule carrying this survey may send its links now. */
  async sendable(surveyId: string): Promise<boolean> {
    const survey = await this.repository.surveyById(surveyId);
    return survey !== null && survey.status === 'open' && !isClosed(survey);
  }

  /** Whether the survey is one of the event's (a reminder rule may carry only those). */
  async belongsTo(eventId: string, surveyId: string): Promise<boolean> {
    return (await this.repository.findSurvey(eventId, surveyId)) !== null;
  }

  /**
   * Each registration's survey link, minted in the caller's transaction (the
   * fan-out's, with the outbox rows that carry them). A registration that has
   * answered already gets none.
   */
  async invitationLinksPart(manager: EntityManager, surveyId: string, registrationIds: string[]): Promise<Map<string, string>> {
    const tokens = registrationIds.map(() => newSecretToken('plf'));
    const issued = await this.repository.issueInvitations(
      manager,
      surveyId,
      registrationIds.map((registrationId, i) => ({ registrationId, tokenHash: hashToken(tokens[i]) })),
    );
    return new Map(
      registrationIds.flatMap((id, i) =>
        issued.has(id) ? [[id, `${this.config.publicUrl}${SURVEY_LINK_PATH}?token=${encodeURIComponent(tokens[i])}`] as const] : [],
      ),
    );
  }

  /** The survey behind a link, while it can be answered: 404 unknown, 409 answered, 410 closed. */
  async form(token: string): Promise<SurveyForm> {
    const { survey, registrationId } = await this.answerable(token);
    const event = await this.events.getEntity(survey.eventId);
    const { language } = await this.registrations.one(event.id, registrationId, event.timezone);
    const titles = new Map((await this.sessions.list(survey.eventId)).items.map((s) => [s.id, s.title]));
    const questions = (await this.repository.questionsOf(survey.id)).map((q) =>
      Object.assign(q, { session: q.sessionId ? (titles.get(q.sessionId) ?? null) : null }),
    );
    return { survey, eventTitle: event.title, timezone: event.timezone, language, questions };
  }

  /** Records the answers once: the invitation is marked used in the same transaction, and a second try is refused (409). */
  async submit(token: string, input: SubmitAnswersInput): Promise<{ detail: string }> {
    const { survey, invitationId } = await this.answerable(token);
    const answers = this.checkAnswers(await this.repository.questionsOf(survey.id), input.answers);
    await this.transactions.run(async ({ manager }) => {
      if (!(await this.repository.claimInvitation(manager, invitationId))) throw alreadyAnswered();
      await this.repository.insertResponse(
        manager,
        survey.anonymous
          ? { surveyId: survey.id, invitationId: null, submittedAt: null }
          : { surveyId: survey.id, invitationId, submittedAt: new Date() },
        answers,
      );
    });
    return { detail: 'Thank you: your answers are recorded.' };
  }

  private async answerable(token: string) {
    const found = await this.repository.invitationByToken(hashToken(token));
    if (!found) throw Problem.notFound('This survey link is not known');
    if (found.answeredAt) throw alreadyAnswered();
    if (found.survey.status !== 'open' || isClosed(found.survey)) {
      throw new Problem(HttpStatus.GONE, 'This survey is closed: answers are no longer taken');
    }
    return found;
  }

  /** Each answer against its question; every problem named by `answers.<questionId>`. */
  private checkAnswers(questions: SurveyQuestion[], given: SubmitAnswersInput['answers']): AnswerRow[] {
    const errors: FieldError[] = [];
    const out: AnswerRow[] = [];
    const byId = new Map(questions.map((q) => [q.id, q]));
    for (const id of Object.keys(given)) {
      if (!byId.has(id)) errors.push({ field: `answers.${id}`, message: 'not a question of this survey' });
    }
    for (const q of questions) {
      const field = `answers.${q.id}`;
      const value = given[q.id];
      const blank =
        value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
      if (blank) {
        if (q.required) errors.push({ field, message: 'required' });
        continue;
      }
      const answer = { questionId: q.id, rating: null, choices: null, text: null };
      switch (q.kind) {
        case 'rating':
          if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5)
            errors.push({ field, message: 'expected a whole number from 1 to 5' });
          else out.push({ ...answer, rating: value });
          break;
        case 'single_choice':
          if (typeof value !== 'string' || !q.options.includes(value))
            errors.push({ field, message: `expected one of ${q.options.join(', ')}` });
          else out.push({ ...answer, choices: [value] });
          break;
        case 'multiple_choice':
          if (!Array.isArray(value) || value.some((v) => !q.options.includes(v)) || new Set(value).size !== value.length)
            errors.push({ field, message: `expected a list of different choices among ${q.options.join(', ')}` });
          else out.push({ ...answer, choices: value });
          break;
        case 'text':
          if (typeof value !== 'string') errors.push({ field, message: 'expected text' });
          else if (value.trim().length > 5000) errors.push({ field, message: 'at most 5000 characters' });
          else out.push({ ...answer, text: value.trim() });
          break;
      }
    }
    if (errors.length > 0) throw Problem.badRequest('Some answers are not valid', errors);
    return out;
  }

  private async load(eventId: string, surveyId: string): Promise<Survey> {
    const survey = await this.repository.findSurvey(eventId, surveyId);
    if (!survey) throw Problem.notFound(`No survey ${surveyId} in this event`);
    return survey;
  }

  /** Questions change only in a draft: once people answer, every answer must be to the same question. */
  private async editable(eventId: string, surveyId: string): Promise<Survey> {
    const survey = await this.load(eventId, surveyId);
    if (survey.status !== 'draft') throw Problem.conflict(`The survey is ${survey.status}: its questions are fixed`);
    return survey;
  }

  private async checkSessions(eventId: string, refs: Array<{ field: string; sessionId: string | null }>): Promise<void> {
    const wanted = refs.filter((r) => r.sessionId !== null);
    if (wanted.length === 0) return;
    const known = new Set((await this.sessions.list(eventId)).items.map((s) => s.id));
    const errors = wanted.filter((r) => !known.has(r.sessionId!)).map((r) => ({ field: r.field, message: 'not a session of this event' }));
    if (errors.length > 0) throw Problem.badRequest('Some questions name a session the event does not have', errors);
  }

  private newQuestion(surveyId: string, q: CreateQuestionInput, position: number): Partial<SurveyQuestion> {
    return { surveyId, kind: q.kind, prompt: q.prompt, options: q.options, required: q.required, position, sessionId: q.sessionId ?? null };
  }

  private async view(survey: Survey, timezone: string) {
    const questions = await this.repository.questionsOf(survey.id);
    return {
      id: survey.id,
      title: survey.title,
      intro: survey.intro,
      anonymous: survey.anonymous,
      closesAt: survey.closesAt ? formatInZone(survey.closesAt, timezone) : null,
      status: isClosed(survey) ? ('closed' as const) : survey.status,
      questions: questions.map((q) => ({
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        options: q.options,
        required: q.required,
        position: q.position,
        sessionId: q.sessionId,
      })),
      createdAt: formatInZone(survey.createdAt, timezone),
    };
  }
}

function alreadyAnswered(): Problem {
  return Problem.conflict('This survey has been answered with this link already: each person answers once');
}
