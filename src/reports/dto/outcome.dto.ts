import { z } from 'zod';

const position = z.number().int('expected a whole number').min(1, 'positions start at 1').max(100_000);
const note = z
  .string()
  .trim()
  .max(2000, 'at most 2000 characters')
  .nullish()
  .transform((v) => (v ? v : null));

export const createOutcomeSchema = z.strictObject({
  label: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  /** Text or a number, answered back as posted: "12.5 M€", 40. */
  value: z.union([z.string().trim().min(1, 'required').max(200, 'at most 200 characters'), z.number().finite()], {
    message: 'expected text or a number',
  }),
  note,
  position: position.optional(),
});
export type CreateOutcomeInput = z.infer<typeof createOutcomeSchema>;

export const updateOutcomeSchema = z.strictObject({
  label: createOutcomeSchema.shape.label.optional(),
  value: createOutcomeSchema.shape.value.optional(),
  note,
  position: position.optional(),
});
export type UpdateOutcomeInput = z.infer<typeof updateOutcomeSchema>;

export const createHighlightSchema = z.strictObject({
  quote: z.string().trim().min(1, 'required').max(5000, 'at most 5000 characters'),
  attribution: z
    .string()
    .trim()
    .max(500, 'at most 500 characters')
    .nullish()
    .transform((v) => (v ? v : null)),
  position: position.optional(),
});
export type CreateHighlightInput = z.infer<typeof createHighlightSchema>;

export const updateHighlightSchema = z.strictObject({
  quote: createHighlightSchema.shape.quote.optional(),
  attribution: createHighlightSchema.shape.attribution,
  position: position.optional(),
});
export type UpdateHighlightInput = z.infer<typeof updateHighlightSchema>;
