const EVENT_TIME_FORMAT = 'YYYY-MM-DDTHH:mm[:ss[.SSS]][Z|±HH:mm]';
const LOCAL_DATE_FORMAT = 'YYYY-MM-DD';
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const EVENT_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidTimeError extends Error {
  constructor(
    readonly input: string,
    readonly expectedFormat: string = EVENT_TIME_FORMAT,
  ) {
    super(`Invalid time "${input}": expected format ${expectedFormat}`);
    this.name = 'InvalidTimeError';
  }
}

export class WallClockGapError extends Error {
  constructor(
    readonly input: string,
    readonly timeZone: string,
  ) {
    super(`Local time "${input}" does not exist in time zone ${timeZone} because clocks jump forward at that moment`);
    this.name = 'WallClockGapError';
  }
}

// Building a DateTimeFormat is expensive compared to using one.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (!formatter) {
    // Newer Intl versions accept offset strings such as "+02:00"; those are not zones.
    if (/^[+-]/.test(tz)) throw new RangeError(`Invalid time zone specified: ${tz}`);
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, formatter);
  }
  return formatter;
}

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string') return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

function assertValidInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Invalid Date');
  }
}

function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  // Date.UTC maps years 0-99 to 1900-1999, so the date is set apart. Month and day are set with the
  // year, not before it: rolled over in another year (2000 is a leap year), day 0 of March would
  // be 29 February, and 29 February 2027 would become 1 March.
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, ms));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

export function offsetMinutesAt(instant: Date, tz: string): number {
  assertValidInstant(instant);
  const parts: Record<string, string> = {};
  for (const { type, value } of formatterFor(tz).formatToParts(instant)) parts[type] = value;
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const wallMs = utcMs(year, +parts.month, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const instantSecondMs = Math.floor(instant.getTime() / 1000) * 1000;
  // Pre-1900 local mean time can have second offsets, which ±HH:mm cannot express.
  return Math.round((wallMs - instantSecondMs) / MS_PER_MINUTE);
}

// Instants whose wall-clock time in tz equals `wallMs` (wall-clock read as UTC), earliest first.
function instantsForWallClock(wallMs: number, tz: string): number[] {
  const offsets = new Set([wallMs - MS_PER_DAY, wallMs, wallMs + MS_PER_DAY].map((ms) => offsetMinutesAt(new Date(ms), tz)));
  return [...offsets]
    .map((offset) => ({ offset, instant: wallMs - offset * MS_PER_MINUTE }))
    .filter(({ offset, instant }) => offsetMinutesAt(new Date(instant), tz) === offset)
    .map(({ instant }) => instant)
    .sort((a, b) => a - b);
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parseOffsetMinutes(offset: string): number | null {
  if (offset === 'Z') return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 23 || minutes > 59) return null;
  return (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

export function parseEventTime(input: string, tz: string): Date {
  // Validate the zone even when the input's own offset makes it unnecessary, so bad config fails early.
  formatterFor(tz);
  const match = typeof input === 'string' ? EVENT_TIME_PATTERN.exec(input) : null;
  if (!match) throw new InvalidTimeError(String(input));
  const [year, month, day, hour, minute, second, ms] = match.slice(1, 8).map((part) => Number(part ?? 0));
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    throw new InvalidTimeError(input);
  }
  const wallMs = utcMs(year, month, day, hour, minute, second, ms);

  const offsetText = match[8];
  if (offsetText !== undefined) {
    const offset = parseOffsetMinutes(offsetText);
    if (offset === null) throw new InvalidTimeError(input);
    return new Date(wallMs - offset * MS_PER_MINUTE);
  }

  const [earliest] = instantsForWallClock(wallMs, tz);
  if (earliest === undefined) throw new WallClockGapError(input, tz);
  return new Date(earliest);
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

function wallClock(instant: Date, tz: string): { date: Date; offset: number } {
  const offset = offsetMinutesAt(instant, tz);
  return { date: new Date(instant.getTime() + offset * MS_PER_MINUTE), offset };
}

function formatDate(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function formatInZone(instant: Date, tz: string): string {
  const { date, offset } = wallClock(instant, tz);
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  return `${formatDate(date)}T${time}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

export function localDate(instant: Date, tz: string): string {
  return formatDate(wallClock(instant, tz).date);
}

function parseLocalDate(date: string): number {
  const match = typeof date === 'string' ? LOCAL_DATE_PATTERN.exec(date) : null;
  const [year, month, day] = (match?.slice(1, 4) ?? []).map(Number);
  if (!match || !isValidDate(year, month, day)) throw new InvalidTimeError(String(date), LOCAL_DATE_FORMAT);
  return utcMs(year, month, day);
}

export function startOfLocalDay(date: string, tz: string): Date {
  const midnightMs = parseLocalDate(date);
  const [earliest] = instantsForWallClock(midnightMs, tz);
  if (earliest !== undefined) return new Date(earliest);

  // Midnight falls in a gap: the day begins at the transition that ends the gap.
  const offsets = [midnightMs - MS_PER_DAY, midnightMs + MS_PER_DAY].map((ms) => offsetMinutesAt(new Date(ms), tz));
  const before = Math.min(...offsets);
  const after = Math.max(...offsets);
  const transition = findFirstInstantWithOffset(midnightMs - after * MS_PER_MINUTE, midnightMs - before * MS_PER_MINUTE, after, tz);
  // A gap can swallow the whole day (e.g. Pacific/Kiritimati skipped 1994-12-31).
  if (localDate(transition, tz) !== date) throw new WallClockGapError(date, tz);
  return transition;
}

// Binary search, at one-second resolution, for the first instant in (low, high] whose offset is `offset`.
function findFirstInstantWithOffset(low: number, high: number, offset: number, tz: string): Date {
  let lowSeconds = Math.floor(low / 1000);
  let highSeconds = Math.ceil(high / 1000);
  while (highSeconds - lowSeconds > 1) {
    const mid = Math.floor((lowSeconds + highSeconds) / 2);
    if (offsetMinutesAt(new Date(mid * 1000), tz) === offset) highSeconds = mid;
    else lowSeconds = mid;
  }
  return new Date(highSeconds * 1000);
}

export function localDatesBetween(start: Date, end: Date, tz: string): string[] {
  assertValidInstant(start);
  assertValidInstant(end);
  if (end.getTime() < start.getTime()) throw new RangeError('end must not be before start');

  const first = parseLocalDate(localDate(start, tz));
  const endDate = localDate(end, tz);
  // The end is exclusive when it falls exactly on the start of a later local day.
  const endsAtDayStart = end.getTime() > start.getTime() && startOfLocalDay(endDate, tz).getTime() === end.getTime();
  const last = parseLocalDate(endDate) - (endsAtDayStart ? MS_PER_DAY : 0);

  const dates: string[] = [];
  for (let day = first; day <= last; day += MS_PER_DAY) dates.push(formatDate(new Date(day)));
  return dates;
}

// Building a formatter costs far more than using one, and every email asks for one.
const emailFormats = new Map<string, Intl.DateTimeFormat>();

function emailFormat(tz: string, locale: string): Intl.DateTimeFormat {
  const key = `${locale}|${tz}`;
  let format = emailFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: tz });
    emailFormats.set(key, format);
  }
  return format;
}

/** Even a built formatter takes a tenth of a millisecond a range, and a burst of emails asks for the same few spans. */
const spans = new Map<string, string>();
const MAX_SPANS = 1_000;

/**
 * A span as people read it in an email, in the zone's wall-clock time:
 * "8 October 2019 at 09:00 – 9 October 2019 at 17:30 (Europe/Brussels)".
 */
export function describeSpan(start: Date, end: Date, tz: string, locale = 'en-GB'): string {
  const spanKey = `${locale}|${tz}|${start.getTime()}|${end.getTime()}`;
  const known = spans.get(spanKey);
  if (known !== undefined) return known;
  const described = `${emailFormat(tz, locale).formatRange(start, end)} (${tz})`;
  if (spans.size >= MAX_SPANS) spans.clear();
  spans.set(spanKey, described);
  return described;
}

/**
 * An instant as people read it in an email, in the zone's wall-clock time:
 * "8 October 2019 at 09:00". The zone is left for the sentence to name once.
 */
export function describeInstant(instant: Date, tz: string, locale = 'en-GB'): string {
  return emailFormat(tz, locale).format(instant);
}
