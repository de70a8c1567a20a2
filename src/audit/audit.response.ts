import { z } from 'zod';
import { idField, pageOf, zonedTime } from '../platform/http/openapi/response-fields';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from './audit-actions';

export const auditEntryResponse = z
  .object({
    id: idField,
    at: zonedTime.describe('When it was done.'),
    actor: z.object({
      organiserId: idField.nullable().describe('Null for Plenary itself, or an account since deleted.'),
      label: z.string().describe('Who, named as they were at the time (name <address>).'),
    }),
    action: z.enum(AUDIT_ACTIONS),
    subject: z.object({
      type: z.enum(AUDIT_SUBJECT_TYPES),
      id: idField.nullable().describe('Null when the action was on a set (an export of the registrations).'),
    }),
    details: z
      .record(z.string(), z.unknown())
      .describe(
        'What changed (`changes: {field: {from, to}}`, `fields` changed without their values) and what else the action was about ' +
          "(`bulkActionId`, `format`, `filters`; a check-in's `day`; an import's `created` and `skipped`; the `member`, `presenter`, " +
          '`presentation` or agenda `version` acted on).',
      ),
  })
  .describe('One organiser action on the event.');

export const auditPageResponse = pageOf(auditEntryResponse).describe('The audit log, newest first.');
