import { FieldError, Problem } from '../platform/http/problem';
import { InvalidTimeError, WallClockGapError, parseEventTime } from '../platform/time/zoned-time';

/**
 * Turns the time fields of a request into instants in the event's zone,
 * collecting every problem so the caller sees them all at once: a malformed
 * time is a 400, a wall-clock time the zone skips (DST gap) a 422.
 */
export function parseEventTimes<K extends string>(
  fields: Partial<Record<K, string | null | undefined>>,
  timezone: string,
): Partial<Record<K, Date | null>> {
  const out: Partial<Record<K, Date | null>> = {};
  const malformed: FieldError[] = [];
  const gaps: FieldError[] = [];
  for (const [field, value] of Object.entries(fields) as Array<[K, string | null | undefined]>) {
    if (value === undefined) continue;
    if (value === null) {
      out[field] = null;
      continue;
    }
    try {
      out[field] = parseEventTime(value, timezone);
    } catch (error) {
      if (error instanceof WallClockGapError) gaps.push({ field, message: error.message });
      else if (error instanceof InvalidTimeError) malformed.push({ field, message: error.message });
      else throw error;
    }
  }
  if (malformed.length > 0) throw Problem.badRequest('Some times are malformed', malformed);
  if (gaps.length > 0) {
    throw Problem.unprocessable(`Some local times do not exist in ${timezone} (the clocks skip them)`, gaps);
  }
  return out;
}
