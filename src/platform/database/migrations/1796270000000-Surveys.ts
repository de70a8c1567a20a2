import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback surveys: questions, one invitation per checked-in registration,
 * responses and their answers; a reminder rule may carry a survey's
 * invitations; and the reporting views the post-event report reads them by.
 */
export class Surveys1796270000000 implements MigrationInterface {
  name = 'Surveys1796270000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "surveys" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "event_id" uuid NOT NULL,
      "title" text NOT NULL,
      "intro" text,
      "anonymous" boolean NOT NULL DEFAULT false,
      "closes_at" timestamptz,
      "status" text NOT NULL DEFAULT 'draft',
      "created_at" timestamptz(3) NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "surveys_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "surveys_status_check" CHECK (status IN ('draft', 'open', 'closed')),
      CONSTRAINT "surveys_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "surveys_event_idx" ON "surveys" ("event_id")`);
    await queryRunner.query(`CREATE TABLE "survey_questions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "survey_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "prompt" text NOT NULL,
      "options" text[] NOT NULL DEFAULT '{}',
      "required" boolean NOT NULL DEFAULT false,
      "position" integer NOT NULL,
      "session_id" uuid,
      "created_at" timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT "survey_questions_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "survey_questions_kind_check" CHECK (kind IN ('rating', 'single_choice', 'multiple_choice', 'text')),
      CONSTRAINT "survey_questions_options_check" CHECK ((kind IN ('single_choice', 'multiple_choice')) = (cardinality(options) > 0)),
      CONSTRAINT "survey_questions_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE,
      CONSTRAINT "survey_questions_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "survey_questions_survey_idx" ON "survey_questions" ("survey_id", "position")`);
    // One invitation per registration and survey; the token is stored only as its hash.
    await queryRunner.query(`CREATE TABLE "survey_invitations" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "survey_id" uuid NOT NULL,
      "registration_id" uuid NOT NULL,
      "token_hash" text NOT NULL,
      "created_at" timestamptz(3) NOT NULL DEFAULT now(),
      "answered_at" timestamptz,
      CONSTRAINT "survey_invitations_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "survey_invitations_token_hash_key" UNIQUE ("token_hash"),
      CONSTRAINT "survey_invitations_registration_key" UNIQUE ("survey_id", "registration_id"),
      CONSTRAINT "survey_invitations_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE,
      CONSTRAINT "survey_invitations_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE)`);
    // An anonymous survey's responses name no invitation and carry no time, so they cannot be tied to a person.
    await queryRunner.query(`CREATE TABLE "survey_responses" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "survey_id" uuid NOT NULL,
      "invitation_id" uuid,
      "submitted_at" timestamptz,
      CONSTRAINT "survey_responses_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "survey_responses_invitation_key" UNIQUE ("invitation_id"),
      CONSTRAINT "survey_responses_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE,
      CONSTRAINT "survey_responses_invitation_id_fkey" FOREIGN KEY ("invitation_id") REFERENCES "survey_invitations"("id") ON DELETE SET NULL)`);
    await queryRunner.query(`CREATE INDEX "survey_responses_survey_idx" ON "survey_responses" ("survey_id")`);
    await queryRunner.query(`CREATE TABLE "survey_answers" (
      "response_id" uuid NOT NULL,
      "question_id" uuid NOT NULL,
      "rating" integer,
      "choices" text[],
      "text" text,
      CONSTRAINT "survey_answers_pkey" PRIMARY KEY ("response_id", "question_id"),
      CONSTRAINT "survey_answers_rating_check" CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
      CONSTRAINT "survey_answers_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "survey_responses"("id") ON DELETE CASCADE,
      CONSTRAINT "survey_answers_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "survey_questions"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "survey_answers_question_idx" ON "survey_answers" ("question_id")`);
    // A rule that carries a survey sends each recipient their invitation link.
    await queryRunner.query(
      `ALTER TABLE "reminder_rules" ADD "survey_id" uuid,
         ADD CONSTRAINT "reminder_rules_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE`,
    );
    for (const [name, select] of VIEWS) {
      await queryRunner.query(`CREATE VIEW "${name}" AS ${select}`);
      await queryRunner.query(`COMMENT ON VIEW "${name}" IS 'What reports read; owned by the surveys module'`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...VIEWS].reverse()) await queryRunner.query(`DROP VIEW "${name}"`);
    await queryRunner.query(`ALTER TABLE "reminder_rules" DROP CONSTRAINT "reminder_rules_survey_id_fkey", DROP COLUMN "survey_id"`);
    for (const table of ['survey_answers', 'survey_responses', 'survey_invitations', 'survey_questions', 'surveys']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}

/** surveys-reporting.ts names these; invitations are shown only as counts per survey. */
const VIEWS: Array<[name: string, select: string]> = [
  [
    'report_surveys',
    `SELECT s.id, s.event_id, s.title, s.anonymous, s.status, s.closes_at, s.created_at,
            (SELECT count(*) FROM survey_invitations i WHERE i.survey_id = s.id)::int AS invited
       FROM surveys s`,
  ],
  ['report_survey_questions', `SELECT id, survey_id, kind, prompt, options, position, session_id, created_at FROM survey_questions`],
  ['report_survey_responses', `SELECT id, survey_id FROM survey_responses`],
  ['report_survey_answers', `SELECT response_id, question_id, rating, choices, text FROM survey_answers`],
];
