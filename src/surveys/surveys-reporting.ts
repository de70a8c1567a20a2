import { AGENDA_REPORTING as AGENDA } from '../agenda/agenda-reporting';

/**
 * What reports may read of surveys: this module's reporting views (migration
 * 1796270000000-Surveys). Postgres refuses to drop or retype a column a view
 * shows, so a change to these tables must say what the report reads instead.
 */
export const SURVEYS_REPORTING = {
  /** id, event_id, title, anonymous, status, closes_at, created_at, invited (how many invitations) */
  surveys: 'report_surveys',
  /** id, survey_id, kind, prompt, options, position, session_id, created_at */
  questions: 'report_survey_questions',
  /** id, survey_id */
  responses: 'report_survey_responses',
  /** response_id, question_id, rating, choices, text */
  answers: 'report_survey_answers',
} as const;

const V = SURVEYS_REPORTING;

/** A row of the results statement: one per question (or one with null question fields for a survey without any). */
export interface SurveyResultRow {
  survey_id: string;
  title: string;
  anonymous: boolean;
  status: string;
  closes_at: Date | null;
  invited: number;
  responses: number;
  question_id: string | null;
  kind: string | null;
  prompt: string | null;
  options: string[] | null;
  session_id: string | null;
  session_title: string | null;
  answered: number;
  average: number | null;
  /** Ratings ("1"…"5") or chosen options, with how many gave each. */
  distribution: Record<string, number>;
  /** Text answers, in alphabetical order (never in the order they came, which could tell who wrote them). */
  comments: string[];
}

/**
 * The survey results read model: counts, averages, distributions and
 * comments of an event's surveys, aggregated in Postgres over this module's
 * reporting views. The post-event report runs it for every survey past its
 * draft ($2 null); the organisers' results page for one survey ($2).
 */
export const SURVEY_RESULTS_QUERY = `SELECT s.id AS survey_id, s.title, s.anonymous, s.status, s.closes_at, s.invited,
       (SELECT count(*) FROM ${V.responses} r WHERE r.survey_id = s.id)::int AS responses,
       q.id AS question_id, q.kind, q.prompt, q.options, q.session_id, ses.title AS session_title,
       (SELECT count(*) FROM ${V.answers} a WHERE a.question_id = q.id)::int AS answered,
       (SELECT avg(a.rating)::float8 FROM ${V.answers} a WHERE a.question_id = q.id) AS average,
       (SELECT coalesce(jsonb_object_agg(d.value, d.n), '{}'::jsonb) FROM (
          SELECT coalesce(a.rating::text, c.choice) AS value, count(*)::int AS n
            FROM ${V.answers} a LEFT JOIN LATERAL unnest(a.choices) AS c(choice) ON true
           WHERE a.question_id = q.id AND (a.rating IS NOT NULL OR c.choice IS NOT NULL)
           GROUP BY 1) d) AS distribution,
       (SELECT coalesce(jsonb_agg(a.text ORDER BY a.text), '[]'::jsonb) FROM ${V.answers} a
         WHERE a.question_id = q.id AND a.text IS NOT NULL) AS comments
  FROM ${V.surveys} s
  LEFT JOIN ${V.questions} q ON q.survey_id = s.id
  LEFT JOIN ${AGENDA.sessions} ses ON ses.id = q.session_id
 WHERE s.event_id = $1 AND (CASE WHEN $2::uuid IS NULL THEN s.status <> 'draft' ELSE s.id = $2::uuid END)
 ORDER BY s.created_at, s.id, q.position, q.created_at, q.id`;

export interface SurveyQuestionResult {
  questionId: string;
  kind: string;
  prompt: string;
  sessionId: string | null;
  session: string | null;
  /** How many responses answered it. */
  answered: number;
  /** Mean rating, to two decimals; null for other kinds or without ratings. */
  average: number | null;
  /** Ratings 1–5, or the options in their order, each with how many gave it. */
  distribution: Array<{ value: string; count: number }>;
  comments: string[];
}

export interface SurveyResults {
  surveyId: string;
  title: string;
  anonymous: boolean;
  /** `closed` once its closing time has passed, whatever the stored status. */
  status: string;
  invited: number;
  responses: number;
  /** responses / invited, 0–1 to three decimals; null without invitations. */
  responseRate: number | null;
  questions: SurveyQuestionResult[];
  /** Per session asked about: its rating questions' answers taken together. */
  sessions: Array<{ sessionId: string; session: string; ratings: number; average: number | null }>;
}

const RATINGS = ['1', '2', '3', '4', '5'];
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Turns the results statement's rows into one entry per survey, in their order. */
export function surveyResults(rows: SurveyResultRow[], now = new Date()): SurveyResults[] {
  const surveys = new Map<string, SurveyResults>();
  const sessionSums = new Map<string, Map<string, { session: string; ratings: number; sum: number }>>();
  for (const row of rows) {
    let survey = surveys.get(row.survey_id);
    if (!survey) {
      const closed = row.status === 'closed' || (row.closes_at !== null && new Date(row.closes_at) <= now);
      survey = {
        surveyId: row.survey_id,
        title: row.title,
        anonymous: row.anonymous,
        status: closed ? 'closed' : row.status,
        invited: Number(row.invited),
        responses: Number(row.responses),
        responseRate: Number(row.invited) > 0 ? round(Number(row.responses) / Number(row.invited), 3) : null,
        questions: [],
        sessions: [],
      };
      surveys.set(row.survey_id, survey);
      sessionSums.set(row.survey_id, new Map());
    }
    if (!row.question_id || !row.kind) continue;
    const counts = row.distribution ?? {};
    const values = row.kind === 'rating' ? RATINGS : row.kind === 'text' ? [] : (row.options ?? []);
    const average = row.kind === 'rating' && row.average !== null ? Number(row.average) : null;
    survey.questions.push({
      questionId: row.question_id,
      kind: row.kind,
      prompt: row.prompt ?? '',
      sessionId: row.session_id,
      session: row.session_title,
      answered: Number(row.answered),
      average: average === null ? null : round(average, 2),
      distribution: values.map((value) => ({ value, count: Number(counts[value] ?? 0) })),
      comments: row.comments ?? [],
    });
    if (row.session_id && row.kind === 'rating') {
      const sums = sessionSums.get(row.survey_id)!;
      const entry = sums.get(row.session_id) ?? { session: row.session_title ?? '', ratings: 0, sum: 0 };
      entry.ratings += Number(row.answered);
      entry.sum += (average ?? 0) * Number(row.answered);
      sums.set(row.session_id, entry);
    }
  }
  for (const survey of surveys.values()) {
    survey.sessions = [...sessionSums.get(survey.surveyId)!].map(([sessionId, s]) => ({
      sessionId,
      session: s.session,
      ratings: s.ratings,
      average: s.ratings > 0 ? round(s.sum / s.ratings, 2) : null,
    }));
  }
  return [...surveys.values()];
}
