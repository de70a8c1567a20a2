import { z } from 'zod';
import { INT4_MAX } from '../../platform/database/int4';
import { QUESTION_TYPES } from '../question.entity';

const questionFields = {
  key: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'expected lower-case letters, digits and underscores, starting with a letter'),
  label: z.string().trim().min(1, 'required').max(500),
  type: z.enum(QUESTION_TYPES, { message: `expected one of ${QUESTION_TYPES.join(', ')}` }),
  required: z.boolean(),
  options: z.array(z.string().trim().min(1).max(200)).max(100),
  position: z.number().int('expected a whole number').min(0, 'expected 0 or more').max(INT4_MAX, `expected at most ${INT4_MAX}`),
};

const choicesNeedOptions = (q: { type?: string; options?: string[] }) =>
  !(q.type === 'choice' || q.type === 'multi_choice') || (q.options?.length ?? 0) >= 2;

export const createQuestionSchema = z
  .strictObject({
    ...questionFields,
    required: questionFields.required.default(false),
    options: questionFields.options.default([]),
    position: questionFields.position.optional(),
  })
  .refine(choicesNeedOptions, { message: 'a choice question needs at least two options', path: ['options'] })
  .meta({
    if: { required: ['type'], properties: { type: { enum: ['choice', 'multi_choice'] } } },
    then: { required: ['options'], properties: { options: { minItems: 2 } } },
    description: 'A custom question of the registration form; a choice or multi_choice question needs at least two options.',
  });
export type CreateQuestionInput = z.infer<typeof createQuestionSchema>;

export const updateQuestionSchema = z
  .strictObject({
    label: questionFields.label,
    required: questionFields.required,
    options: questionFields.options,
    position: questionFields.position,
  })
  .partial();
export type UpdateQuestionInput = z.infer<typeof updateQuestionSchema>;
