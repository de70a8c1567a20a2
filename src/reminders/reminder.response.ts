import { z } from 'zod';
import { idField, pageOf, zonedTime } from '../platform/http/openapi/response-fields';
import { ANNOUNCEMENT_AUDIENCES } from './dto/announcement.dto';
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
    surveyId: idField.nullable().describe('The survey whose links the reminder carries; null for a plain reminder.'),
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
  audience: z.enum(ANNOUNCEMENT_AUDIENCES),
  translations: z
    .record(z.string(), z.object({ subject: z.string(), message: z.string() }))
    .describe('Versions in other languages (es, pt, fr), by language.'),
  registrationIds: z.array(idField).nullable().describe('The picked registrations, for audience `selected_registrations`.'),
  optional: z.boolean().describe('Optional news can be unsubscribed from; practical information always goes.'),
  status: z.string().describe('draft, sending or sent.'),
  recipients: z.number().int().nullable(),
  createdAt: zonedTime,
  sentAt: zonedTime.nullable(),
});

export const announcementPageResponse = pageOf(announcementResponse);

export const announcementPreviewResponse = z.object({
  recipients: z.number().int(),
  sample,
  message: renderedMessage,
  versions: z
    .array(z.object({ language: z.string(), subject: z.string(), text: z.string(), html: z.string(), recipients: z.number().int() }))
    .describe(
      'The message in each language its recipients read, and how many of them read it (the default text for languages not written).',
    ),
});
