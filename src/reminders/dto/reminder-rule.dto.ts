import { z } from 'zod';
import { eventTime } from '../../events/dto/event-fields';
import { REMINDER_ANCHORS, REMINDER_AUDIENCES } from '../reminder-rule.entity';

const ruleFields = {
  name: z.string().trim().min(1, 'required').max(200),
  anchor: z.enum(REMINDER_ANCHORS, { message: `expected one of ${REMINDER_ANCHORS.join(', ')}` }),
  /** Minutes from the anchor: negative before it, positive after. */
  offsetMinutes: z
    .number()
    .int('expected whole minutes')
    .min(-60 * 24 * 365)
    .max(60 * 24 * 365),
  fixedAt: eventTime.nullable(),
  audience: z.enum(REMINDER_AUDIENCES, { message: `expected one of ${REMINDER_AUDIENCES.join(', ')}` }),
  subject: z.string().trim().min(1).max(300).nullable(),
  message: z.string().trim().min(1).max(20_000).nullable(),
  enabled: z.boolean(),
};

const fixedNeedsTime = (r: { anchor?: string; fixedAt?: string | null }) =>
  r.anchor === undefined || (r.anchor === 'fixed') === Boolean(r.fixedAt);

export const createReminderRuleSchema = z
  .strictObject({
    ...ruleFields,
    offsetMinutes: ruleFields.offsetMinutes.default(0),
    fixedAt: ruleFields.fixedAt.optional(),
    subject: ruleFields.subject.optional(),
    message: ruleFields.message.optional(),
    enabled: ruleFields.enabled.default(true),
  })
  .refine(fixedNeedsTime, { message: 'a fixed anchor needs fixedAt, and only it', path: ['fixedAt'] });
export type CreateReminderRuleInput = z.infer<typeof createReminderRuleSchema>;

export const updateReminderRuleSchema = z
  .strictObject(ruleFields)
  .partial()
  .refine(fixedNeedsTime, { message: 'a fixed anchor needs fixedAt, and only it', path: ['fixedAt'] });
export type UpdateReminderRuleInput = z.infer<typeof updateReminderRuleSchema>;
