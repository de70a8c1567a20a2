import { z } from 'zod';
import { idField, pageOf, zonedTime } from '../platform/http/openapi/response-fields';
import { REMINDER_ANCHORS, REMINDER_AUDIENCES } from './reminder-rule.entity';

export const reminderRuleResponse = z
  .object({
    id: idField,
    name: z.string(),
    anchor: z.enum(REMINDER_ANCHORS),
    offsetMinutes: z.number().int().describe('Minutes from the anchor: negative means before it, positive after.'),
    fixedAt: zonedTime.nullable(),
    audience: z.enum(REMINDER_AUDIENCES),
    subject: z.string().nullable().describe('Null: the standard subject.'),
    message: z.string().nullable().describe('Null: the standard message.'),
    enabled: z.boolean(),
    scheduled: z
      .array(
        z.object({
          id: idField,
          occurrence: z.string().describe('`event`, or the session the occurrence is for.'),
          sessionId: idField.nullable(),
          dueAt: zonedTime.nullable(),
          state: z.string().describe('pending, fanned_out, missed or cancelled.'),
          recipients: z.number().int().nullable(),
          fannedOutAt: zonedTime.nullable(),
        }),
      )
      .describe('Its occurrences: when each is due and what became of it.'),
  })
  .describe('A reminder rule of the event.');

export const reminderRulePageResponse = pageOf(reminderRuleResponse);

const sample = z.array(z.looseObject({ name: z.string(), email: z.string().nullable() })).describe('The first 50 recipients.');
const renderedMessage = z.object({ subject: z.string(), text: z.string() }).nullable().describe('Rendered for the first recipient.');

export const reminderPreviewResponse = z.object({
  next: z.object({ occurrence: z.string(), sessionId: idField.nullable(), dueAt: zonedTime }).nullable(),
  recipients: z.number().int(),
  sample,
  message: renderedMessage,
});

export const announcementResponse = z.object({
  id: idField,
  subject: z.string(),
  message: z.string(),
  audience: z.enum(REMINDER_AUDIENCES),
  optional: z.boolean().describe('Optional news can be unsubscribed from; practical information always goes.'),
  status: z.string().describe('draft, sending or sent.'),
  recipients: z.number().int().nullable(),
  createdAt: zonedTime,
  sentAt: zonedTime.nullable(),
});

export const announcementPageResponse = pageOf(announcementResponse);

export const announcementPreviewResponse = z.object({ recipients: z.number().int(), sample, message: renderedMessage });
