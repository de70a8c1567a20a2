import { z } from 'zod';

/** Building blocks of the response schemas, so every answer states ids, times and lists alike. */
export const idField = z.uuid();

export const zonedTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/)
  .describe("A date-time with the event's own offset (2019-10-08T09:00:00+02:00), never `Z`.");

/** Instants not tied to an event (a login's expiry): ISO 8601 in UTC. */
export const utcTime = z.iso.datetime();

export const localDay = z.iso.date().describe("A date in the event's zone.");

/** The answer of a list: `{items, nextCursor}`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last one.'),
  });
}

/** An acknowledgement that says what happens next, without revealing anything. */
export const detailSchema = z.object({ detail: z.string().describe('What happens next.') });
