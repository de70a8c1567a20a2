import { z } from 'zod';
import { eventTime } from '../../events/dto/event-fields';
import { QUESTION_KINDS } from '../survey-question.entity';

const CHOICE_KINDS = new Set(['single_choice', 'multiple_choice']);

const questionFields = {
  kind: z.enum(QUESTION_KINDS, { message: `expected one of ${QUESTION_KINDS.join(', ')}` }),
  prompt: z.string().trim().min(1, 'required').max(500, 'at most 500 characters'),
  options: z
    .array(z.string().trim().min(1, 'required').max(200, 'at most 200 characters'))
    .max(20, 'at most 20 choices')
    .refine((options) => new Set(options).size === options.length, 'each choice once')
    .describe('The choices of a `single_choice` or `multiple_choice` question (2 to 20); none for the other kinds.'),
  required: z.boolean(),
  position: z.number().int('expected a whole number').min(1, 'positions start at 1').max(1000),
  sessionId: z.uuid('expected a session id').nullable().describe('A session of the event this question asks about; null for the event.'),
};

/** Choice questions have 2+ choices; the others none. */
const optionsFitKind = (q: { kind?: string; options?: string[] }) =>
  q.kind === undefined || (CHOICE_KINDS.has(q.kind) ? (q.options?.length ?? 0) >= 2 : (q.options?.length ?? 0) === 0);
const optionsRule = { message: 'a choice question needs 2 to 20 options; the other kinds none', path: ['options'] };

export const createQuestionSchema = z
  .strictObject({
    ...questionFields,
    options: questionFields.options.default([]),
    required: questionFields.required.default(false),
    position: questionFields.position.optional(),
    sessionId: questionFields.sessionId.optional(),
  })
  .refine(optionsFitKind, optionsRule);
export type CreateQuestionInput = z.infer<typeof createQuestionSchema>;

export const updateQuestionSchema = z.strictObject(questionFields).partial();
export type UpdateQuestionInput = z.infer<typeof updateQuestionSchema>;

const surveyFields = {
  title: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  intro: z
    .string()
    .trim()
    .max(5000, 'at most 5000 characters')
    .nullish()
    .transform((v) => (v ? v : null)),
  anonymous: z.boolean().describe('Answers kept without who gave them; fixed once the survey opens.'),
  closesAt: eventTime.nullable().describe('When answering ends; null: when organisers close it.'),
};

export const createSurveySchema = z.strictObject({
  ...surveyFields,
  anonymous: surveyFields.anonymous.default(false),
  closesAt: surveyFields.closesAt.optional(),
  questions: z.array(createQuestionSchema).max(100, 'at most 100 questions').default([]),
});
export type CreateSurveyInput = z.infer<typeof createSurveySchema>;

export const updateSurveySchema = z.strictObject(surveyFields).partial();
export type UpdateSurveyInput = z.infer<typeof updateSurveySchema>;

/** An answer by kind: a rating 1–5, one choice, several choices, or text. */
const answerValue = z.union([z.number(), z.string(), z.array(z.string())], {
  message: 'expected a rating, a choice, a list of choices or text',
});

export const submitAnswersSchema = z.strictObject({
  answers: z
    .record(z.uuid('expected a question id'), answerValue)
    .describe(
      'Answers by question id: a whole number 1–5 for `rating`, one of the options for `single_choice`, a list of them for `multiple_choice`, text for `text`. Unanswered optional questions are left out.',
    ),
});
export type SubmitAnswersInput = z.infer<typeof submitAnswersSchema>;
