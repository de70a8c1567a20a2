import { z } from 'zod';
import { idField, pageOf, zonedTime } from '../platform/http/openapi/response-fields';

const reportFields = {
  id: idField,
  eventId: idField,
  version: z.number().int().describe('Each compile of the event is a new version, from 1.'),
  status: z.enum(['queued', 'compiling', 'completed', 'failed']),
  progress: z.number().int().describe('Percent compiled.'),
  trigger: z.enum(['manual', 'automatic']).describe('`automatic`: compiled by the sweep after the event ended.'),
  requestedBy: idField.nullable(),
  dueAt: zonedTime.nullable(),
  createdAt: zonedTime,
  startedAt: zonedTime.nullable(),
  completedAt: zonedTime.nullable(),
  durationMs: z.number().int().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  links: z
    .object({ html: z.string(), csv: z.string(), xlsx: z.string() })
    .nullable()
    .describe('Where the rendered report is, once completed.'),
};

export const reportSummaryResponse = z.object(reportFields).describe('A report version.');
export const reportPageResponse = pageOf(reportSummaryResponse);

export const reportResponse = z
  .object({
    ...reportFields,
    data: z.looseObject({}).nullable().describe('The compiled figures (attendance, people, regions, sessions, outcomes, highlights).'),
  })
  .describe('A report version with its data.');

export const reportRequestResponse = z.object({
  id: idField,
  version: z.number().int(),
  status: z.enum(['queued', 'compiling', 'completed', 'failed']),
  progress: z.number().int(),
  shared: z.boolean().describe('True when a compile already waiting or running answers this request too.'),
  links: z.object({ self: z.string() }),
});

export const outcomeResponse = z.object({
  id: idField,
  label: z.string(),
  value: z.union([z.string(), z.number()]).describe('As posted: a number stays a number (40), text stays text ("12.5 M€").'),
  note: z.string().nullable(),
  position: z.number().int(),
});
export const outcomePageResponse = pageOf(outcomeResponse);

export const highlightResponse = z.object({
  id: idField,
  quote: z.string(),
  attribution: z.string().nullable(),
  position: z.number().int(),
});
export const highlightPageResponse = pageOf(highlightResponse);
