import { z } from 'zod';
import { eventTime } from '../../events/dto/event-fields';
import { REMINDER_ANCHORS, REMINDER_AUDIENCES } from '../reminder-rule.entity';

const ruleFields = {
  name: z.string().trim().min(1, 'required').max(200),
  anchor: z.enum(REMINDER_ANCHORS, { message: `expected one of ${REMINDER_ANCHORS.join(', ')}` }),
  offsetMinutes: z
    .number()
    .int('expected whole minutes')
    .min(-60 * 24 * 365)
    .max(60 * 24 * 365)
    .describe('Minutes from the anchor: negative means before it (-1440 is a day before), positive after. Ignored for `fixed`.'),
  fixedAt: eventTime.nullable().describe('When a `fixed` rule sends; null for the other anchors.'),
  audience: z.enum(REMINDER_AUDIENCES, { message: `expected one of ${REMINDER_AUDIENCES.join(', ')}` }),
  subject: z.string().trim().min(1).max(300).nullable(),
  message: z.string().trim().min(1).max(20_000).nullable(),
  enabled: z.boolean(),
  surveyId: z
    .uuid('expected a survey id')
    .nullable()
    .describe(
      'A survey of the event: each recipient gets their own link to answer it (audience `checked_in` only). Null: a plain reminder.',
    ),
};

const fixedNeedsTime = (r: { anchor?: string; fixedAt?: string | null }) =>
  r.anchor === undefined || (r.anchor === 'fixed') === Boolean(r.fixedAt);

/** fixedNeedsTime, as JSON Schema says it. */
const fixedNeedsTimeRule = {
  allOf: [
    {
      if: { required: ['anchor'], properties: { anchor: { const: 'fixed' } } },
      then: { required: ['fixedAt'], properties: { fixedAt: { type: 'string' } } },
    },
    {
      if: { required: ['anchor'], properties: { anchor: { not: { const: 'fixed' } } } },
      then: { properties: { fixedAt: { type: 'null' } } },
    },
  ],
  description: 'A reminder rule. The anchor `fixed` needs `fixedAt` (and only it may have one).',
};

export const createReminderRuleSchema = z
  .strictObject({
    ...ruleFields,
    offsetMinutes: ruleFields.offsetMinutes.default(0),
    fixedAt: ruleFields.fixedAt.optional(),
    subject: ruleFields.subject.optional(),
    message: ruleFields.message.optional(),
    enabled: ruleFields.enabled.default(true),
    surveyId: ruleFields.surveyId.optional(),
  })
  .refine(fixedNeedsTime, { message: 'a fixed anchor needs fixedAt, and only it', path: ['fixedAt'] })
  .meta(fixedNeedsTimeRule);
export type CreateReminderRuleInput = z.infer<typeof createReminderRuleSchema>;

export const updateReminderRuleSchema = z
  .strictObject(ruleFields)
  .partial()
  .refine(fixedNeedsTime, { message: 'a fixed anchor needs fixedAt, and only it', path: ['fixedAt'] })
  .meta(fixedNeedsTimeRule);
export type UpdateReminderRuleInput = z.infer<typeof updateReminderRuleSchema>;
