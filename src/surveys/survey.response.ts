import { z } from 'zod';
import { idField, pageOf, zonedTime } from '../platform/http/openapi/response-fields';
import { QUESTION_KINDS } from './survey-question.entity';
import { SURVEY_STATUSES } from './survey.entity';

const question = z.object({
  id: idField,
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string(),
  options: z.array(z.string()).describe('The choices of a choice question, in order.'),
  required: z.boolean(),
  position: z.number().int(),
  sessionId: idField.nullable().describe('The session the question asks about; null: the event.'),
});

export const surveyResponse = z
  .object({
    id: idField,
    title: z.string(),
    intro: z.string().nullable(),
    anonymous: z.boolean().describe('Answers are kept without who gave them.'),
    closesAt: zonedTime.nullable(),
    status: z.enum(SURVEY_STATUSES).describe('`closed` also once `closesAt` has passed.'),
    questions: z.array(question),
    createdAt: zonedTime,
  })
  .describe('A feedback survey of the event.');
export const surveyPageResponse = pageOf(surveyResponse);

export const surveyResultsResponse = z
  .object({
    surveyId: idField,
    title: z.string(),
    anonymous: z.boolean(),
    status: z.enum(SURVEY_STATUSES),
    invited: z.number().int().describe('Invitations sent (one per checked-in registration).'),
    responses: z.number().int(),
    responseRate: z.number().nullable().describe('responses / invited, 0–1; null before any invitation.'),
    questions: z.array(
      z.object({
        questionId: idField,
        kind: z.enum(QUESTION_KINDS),
        prompt: z.string(),
        sessionId: idField.nullable(),
        session: z.string().nullable().describe('The title of the session asked about.'),
        answered: z.number().int(),
        average: z.number().nullable().describe('Mean rating to two decimals; null for other kinds or without answers.'),
        distribution: z.array(z.object({ value: z.string(), count: z.number().int() })).describe('Ratings 1–5, or the options in order.'),
        comments: z.array(z.string()).describe('Text answers, in alphabetical order.'),
      }),
    ),
    sessions: z
      .array(z.object({ sessionId: idField, session: z.string(), ratings: z.number().int(), average: z.number().nullable() }))
      .describe("Per session asked about: its rating questions' answers together."),
  })
  .describe("A survey's results: counts, averages, distributions and comments; never who answered what.");

export const surveyFormResponse = z
  .object({
    title: z.string(),
    intro: z.string().nullable(),
    eventTitle: z.string(),
    anonymous: z.boolean(),
    closesAt: zonedTime.nullable(),
    questions: z.array(question.omit({ position: true }).extend({ session: z.string().nullable() })),
  })
  .describe('The survey a link opens, with its questions.');

export const surveyPersonalDataResponse = z
  .array(
    z.object({
      surveyId: idField,
      title: z.string(),
      submittedAt: zonedTime,
      answers: z.array(
        z.object({
          questionId: idField,
          question: z.string(),
          kind: z.enum(QUESTION_KINDS),
          rating: z.number().int().nullable().describe('1–5, for a rating question.'),
          choices: z.array(z.string()).nullable().describe('The options picked, for a choice question.'),
          text: z.string().nullable().describe('For a text question.'),
        }),
      ),
    }),
  )
  .describe(
    "The attendee's answers to the event's surveys that keep who answered; an anonymous survey's answers are tied to nobody, so they are not here.",
  );
