import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { QuestionKind, SurveyQuestion } from './survey-question.entity';
import { SurveyAnswer, SurveyResponse } from './survey-response.entity';
import { Survey, SurveyStatus } from './survey.entity';
import { SURVEY_RESULTS_QUERY, SurveyResultRow } from './surveys-reporting';

/** One answer as written: the field of its question's kind set, the others null. */
export interface AnswerRow {
  questionId: string;
  rating: number | null;
  choices: string[] | null;
  text: string | null;
}

/** An invitation found by its token, with the survey it is for. */
export interface InvitationByToken {
  invitationId: string;
  registrationId: string;
  answeredAt: Date | null;
  survey: Survey;
}

/** One answer the attendee gave to a survey that keeps who answered; the answer fields null for a response without answers. */
export interface OwnAnswerRow {
  survey_id: string;
  title: string;
  submitted_at: Date;
  question_id: string | null;
  prompt: string | null;
  kind: QuestionKind | null;
  rating: number | null;
  choices: string[] | null;
  text: string | null;
}

/**
 * The SQL of `surveys`, `survey_questions`, `survey_invitations`,
 * `survey_responses` and `survey_answers`, all of it.
 */
@Injectable()
export class SurveysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  saveSurvey(manager: EntityManager, survey: Partial<Survey>): Promise<Survey> {
    return manager.save(Survey, manager.create(Survey, survey));
  }

  surveysOf(eventId: string): Promise<Survey[]> {
    return this.db.getRepository(Survey).find({ where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findSurvey(eventId: string, surveyId: string): Promise<Survey | null> {
    return this.db.getRepository(Survey).findOne({ where: { eventId, id: surveyId } });
  }

  surveyById(surveyId: string): Promise<Survey | null> {
    return this.db.getRepository(Survey).findOne({ where: { id: surveyId } });
  }

  /** Moves a survey from one of `from` to `to`; false when it was in none of them. */
  async changeStatus(surveyId: string, from: SurveyStatus[], to: SurveyStatus): Promise<boolean> {
    const { affected } = await sql(
      this.db.manager,
      `UPDATE surveys SET status = $3, updated_at = now() WHERE id = $1 AND status = ANY($2)`,
      [surveyId, from, to],
    );
    return affected > 0;
  }

  questionsOf(surveyId: string): Promise<SurveyQuestion[]> {
    return this.db.getRepository(SurveyQuestion).find({ where: { surveyId }, order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  findQuestion(surveyId: string, questionId: string): Promise<SurveyQuestion | null> {
    return this.db.getRepository(SurveyQuestion).findOne({ where: { surveyId, id: questionId } });
  }

  saveQuestions(manager: EntityManager, questions: Array<Partial<SurveyQuestion>>): Promise<SurveyQuestion[]> {
    return manager.save(
      SurveyQuestion,
      questions.map((q) => manager.create(SurveyQuestion, q)),
    );
  }

  async deleteQuestion(questionId: string): Promise<void> {
    await this.db.getRepository(SurveyQuestion).delete({ id: questionId });
  }

  async nextPosition(manager: EntityManager, surveyId: string): Promise<number> {
    const { rows } = await sql<{ next: number }>(
      manager,
      `SELECT coalesce(max(position), 0)::int + 1 AS next FROM survey_questions WHERE survey_id = $1`,
      [surveyId],
    );
    return rows[0].next;
  }

  /**
   * Gives each registration its invitation with a fresh token hash, in one
   * statement: an unanswered invitation takes the new hash (its earlier link
   * stops working), an answered one is left alone and not returned.
   */
  async issueInvitations(
    manager: EntityManager,
    surveyId: string,
    rows: Array<{ registrationId: string; tokenHash: string }>,
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const { rows: issued } = await sql<{ registration_id: string }>(
      manager,
      `INSERT INTO survey_invitations (survey_id, registration_id, token_hash)
       SELECT $1, r, h FROM unnest($2::uuid[], $3::text[]) AS x(r, h)
       ON CONFLICT (survey_id, registration_id) DO UPDATE SET token_hash = EXCLUDED.token_hash
         WHERE survey_invitations.answered_at IS NULL
       RETURNING registration_id`,
      [surveyId, rows.map((r) => r.registrationId), rows.map((r) => r.tokenHash)],
    );
    return new Set(issued.map((r) => r.registration_id));
  }

  async invitationByToken(tokenHash: string): Promise<InvitationByToken | null> {
    const { rows } = await sql<{ id: string; survey_id: string; registration_id: string; answered_at: Date | null }>(
      this.db.manager,
      `SELECT id, survey_id, registration_id, answered_at FROM survey_invitations WHERE token_hash = $1`,
      [tokenHash],
    );
    if (!rows[0]) return null;
    const survey = await this.db.getRepository(Survey).findOneByOrFail({ id: rows[0].survey_id });
    return { invitationId: rows[0].id, registrationId: rows[0].registration_id, answeredAt: rows[0].answered_at, survey };
  }

  /**
   * Marks the invitation used, unless it already was: the row lock makes a
   * second submission at the same moment wait for the first and then find it
   * answered. Returns whether this call is the one that answers.
   */
  async claimInvitation(manager: EntityManager, invitationId: string): Promise<boolean> {
    const { affected } = await sql(manager, `UPDATE survey_invitations SET answered_at = now() WHERE id = $1 AND answered_at IS NULL`, [
      invitationId,
    ]);
    return affected > 0;
  }

  async insertResponse(
    manager: EntityManager,
    response: Pick<SurveyResponse, 'surveyId' | 'invitationId' | 'submittedAt'>,
    answers: AnswerRow[],
  ): Promise<string> {
    const saved = await manager.save(SurveyResponse, manager.create(SurveyResponse, response));
    if (answers.length > 0) {
      await manager.insert(
        SurveyAnswer,
        answers.map((a) => ({ ...a, responseId: saved.id })),
      );
    }
    return saved.id;
  }

  /** The registration's answers to the event's surveys that are not anonymous, in the order given and each survey's question order. */
  async ownAnswers(eventId: string, registrationId: string): Promise<OwnAnswerRow[]> {
    const { rows } = await sql<OwnAnswerRow>(
      this.db.manager,
      `SELECT s.id AS survey_id, s.title, r.submitted_at, q.id AS question_id, q.prompt, q.kind, a.rating, a.choices, a.text
         FROM survey_invitations i
         JOIN surveys s ON s.id = i.survey_id
         JOIN survey_responses r ON r.invitation_id = i.id
         LEFT JOIN survey_answers a ON a.response_id = r.id
         LEFT JOIN survey_questions q ON q.id = a.question_id
        WHERE i.registration_id = $1 AND s.event_id = $2 AND NOT s.anonymous
        ORDER BY r.submitted_at, s.id, q.position, q.created_at, q.id`,
      [registrationId, eventId],
    );
    return rows;
  }

  /**
   * Unties the registration's responses from it, in the erasure's transaction: they stay in the
   * results as an anonymous survey's do, with neither invitation nor time to tell whose they were.
   */
  async detachResponses(manager: EntityManager, registrationId: string): Promise<void> {
    await sql(
      manager,
      `UPDATE survey_responses SET invitation_id = NULL, submitted_at = NULL
        WHERE invitation_id IN (SELECT id FROM survey_invitations WHERE registration_id = $1)`,
      [registrationId],
    );
  }

  /** The results read model (surveys-reporting.ts) for one survey, or for every survey of the event past its draft. */
  async results(eventId: string, surveyId: string | null): Promise<SurveyResultRow[]> {
    return (await this.db.query(SURVEY_RESULTS_QUERY, [eventId, surveyId])) as SurveyResultRow[];
  }
}
