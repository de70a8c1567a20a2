import {
  describeInstant,
  formatInZone,
  InvalidTimeError,
  isValidTimeZone,
  localDate,
  localDatesBetween,
  offsetMinutesAt,
  parseEventTime,
  startOfLocalDay,
  WallClockGapError,
} from './zoned-time';

const BRUSSELS = 'Europe/Brussels';
const KIRITIMATI = 'Pacific/Kiritimati';
const AUCKLAND = 'Pacific/Auckland';
const KATHMANDU = 'Asia/Kathmandu';
const LIMA = 'America/Lima';
const SANTIAGO = 'America/Santiago';

const utc = (iso: string) => new Date(iso);
const HOUR_MS = 3_600_000;

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected function to throw');
}

describe('zoned-time', () => {
  describe('isValidTimeZone', () => {
    it.each(['Europe/Brussels', 'Pacific/Kiritimati', 'UTC', 'Asia/Kathmandu', 'America/New_York'])('accepts %s', (tz) => {
      expect(isValidTimeZone(tz)).toBe(true);
    });

    it.each(['Mars/Olympus', '', '+02:00', '-05:00', 'GMT+2', ' UTC', 'Europe/Brussels '])('rejects %p', (tz) => {
      expect(isValidTimeZone(tz)).toBe(false);
    });
  });

  describe('offsetMinutesAt', () => {
    it('gives the Brussels summer and winter offsets', () => {
      expect(offsetMinutesAt(utc('2019-07-01T12:00:00Z'), BRUSSELS)).toBe(120);
      expect(offsetMinutesAt(utc('2019-01-15T12:00:00Z'), BRUSSELS)).toBe(60);
    });

    it('switches exactly at 01:00 UTC on the last Sunday of October', () => {
      expect(offsetMinutesAt(utc('2019-10-27T00:59:59.999Z'), BRUSSELS)).toBe(120);
      expect(offsetMinutesAt(utc('2019-10-27T01:00:00Z'), BRUSSELS)).toBe(60);
    });

    it('handles far-from-UTC, fractional-hour and negative offsets', () => {
      const instant = utc('2019-10-08T12:00:00Z');
      expect(offsetMinutesAt(instant, KIRITIMATI)).toBe(14 * 60);
      expect(offsetMinutesAt(instant, AUCKLAND)).toBe(13 * 60);
      expect(offsetMinutesAt(instant, KATHMANDU)).toBe(5 * 60 + 45);
      expect(offsetMinutesAt(instant, LIMA)).toBe(-5 * 60);
      expect(offsetMinutesAt(instant, 'UTC')).toBe(0);
    });

    it('rejects an unknown zone and an invalid date', () => {
      expect(() => offsetMinutesAt(utc('2019-10-08T12:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
      expect(() => offsetMinutesAt(new Date(Number.NaN), BRUSSELS)).toThrow(RangeError);
    });
  });

  describe('parseEventTime', () => {
    describe('wall-clock input (no offset)', () => {
      it('interprets the time in the given zone', () => {
        expect(parseEventTime('2019-10-08T09:00', BRUSSELS).toISOString()).toBe('2019-10-08T07:00:00.000Z');
        expect(parseEventTime('2019-01-15T09:00', BRUSSELS).toISOString()).toBe('2019-01-15T08:00:00.000Z');
      });

      it('accepts optional seconds and milliseconds', () => {
        expect(parseEventTime('2019-10-08T09:00:30', BRUSSELS).toISOString()).toBe('2019-10-08T07:00:30.000Z');
        expect(parseEventTime('2019-10-08T09:00:30.250', BRUSSELS).toISOString()).toBe('2019-10-08T07:00:30.250Z');
      });

      it('resolves an ambiguous time in the autumn overlap to its first (summer-time) occurrence', () => {
        // 02:00-02:59 happens twice on 2019-10-27: first at +02:00, then again at +01:00.
        expect(parseEventTime('2019-10-27T02:30', BRUSSELS).toISOString()).toBe('2019-10-27T00:30:00.000Z');
        expect(parseEventTime('2019-10-27T02:00', BRUSSELS).toISOString()).toBe('2019-10-27T00:00:00.000Z');
        expect(parseEventTime('2019-10-27T02:59:59', BRUSSELS).toISOString()).toBe('2019-10-27T00:59:59.000Z');
      });

      it('is unambiguous just outside the overlap', () => {
        expect(parseEventTime('2019-10-27T01:59', BRUSSELS).toISOString()).toBe('2019-10-26T23:59:00.000Z');
        expect(parseEventTime('2019-10-27T03:00', BRUSSELS).toISOString()).toBe('2019-10-27T02:00:00.000Z');
      });

      it('throws WallClockGapError for a time skipped by the spring change', () => {
        const error = captureError(() => parseEventTime('2019-03-31T02:30', BRUSSELS));
        expect(error).toBeInstanceOf(WallClockGapError);
        expect(error).toBeInstanceOf(Error);
        expect(error).toMatchObject({ input: '2019-03-31T02:30', timeZone: BRUSSELS });
        expect((error as Error).message).toMatch(/does not exist/);
        expect((error as Error).message).toMatch(/Europe\/Brussels/);
        expect((error as Error).message).toMatch(/jump forward/);
      });

      it('treats the whole skipped hour as a gap, but not its edges', () => {
        expect(() => parseEventTime('2019-03-31T02:00', BRUSSELS)).toThrow(WallClockGapError);
        expect(() => parseEventTime('2019-03-31T02:59:59.999', BRUSSELS)).toThrow(WallClockGapError);
        expect(parseEventTime('2019-03-31T01:59:59', BRUSSELS).toISOString()).toBe('2019-03-31T00:59:59.000Z');
        expect(parseEventTime('2019-03-31T03:00', BRUSSELS).toISOString()).toBe('2019-03-31T01:00:00.000Z');
      });

      it('handles a zone far ahead of UTC, where the local date is a day later', () => {
        expect(parseEventTime('2019-10-09T00:00', KIRITIMATI).toISOString()).toBe('2019-10-08T10:00:00.000Z');
        expect(parseEventTime('2019-10-08T09:00', AUCKLAND).toISOString()).toBe('2019-10-07T20:00:00.000Z');
      });

      it('throws WallClockGapError for a day a zone skipped entirely', () => {
        // Kiritimati went from -10:00 to +14:00 in 1994, so 1994-12-31 never happened there.
        expect(() => parseEventTime('1994-12-31T12:00', KIRITIMATI)).toThrow(WallClockGapError);
        expect(parseEventTime('1995-01-01T00:00', KIRITIMATI).toISOString()).toBe('1994-12-31T10:00:00.000Z');
      });

      it('throws WallClockGapError when midnight is skipped', () => {
        expect(() => parseEventTime('2019-09-08T00:30', SANTIAGO)).toThrow(WallClockGapError);
      });

      it('round-trips every quarter hour across the Brussels autumn change', () => {
        for (let t = Date.parse('2019-10-26T20:00:00Z'); t <= Date.parse('2019-10-27T06:00:00Z'); t += HOUR_MS / 4) {
          const instant = new Date(t);
          expect(parseEventTime(formatInZone(instant, BRUSSELS), BRUSSELS).getTime()).toBe(t);
        }
      });
    });

    describe('input with an explicit offset', () => {
      it('honours Z regardless of the zone', () => {
        for (const tz of [BRUSSELS, KIRITIMATI, LIMA, 'UTC']) {
          expect(parseEventTime('2019-10-08T09:00:00Z', tz).toISOString()).toBe('2019-10-08T09:00:00.000Z');
        }
      });

      it('honours numeric offsets regardless of the zone', () => {
        expect(parseEventTime('2019-10-08T09:00+05:45', BRUSSELS).toISOString()).toBe('2019-10-08T03:15:00.000Z');
        expect(parseEventTime('2019-10-08T09:00:00-05:00', KIRITIMATI).toISOString()).toBe('2019-10-08T14:00:00.000Z');
        expect(parseEventTime('2019-10-08T09:00:00.123+00:00', LIMA).toISOString()).toBe('2019-10-08T09:00:00.123Z');
      });

      it('does not apply gap or overlap rules to an explicit offset', () => {
        expect(parseEventTime('2019-03-31T02:30+01:00', BRUSSELS).toISOString()).toBe('2019-03-31T01:30:00.000Z');
        expect(parseEventTime('2019-10-27T02:30+01:00', BRUSSELS).toISOString()).toBe('2019-10-27T01:30:00.000Z');
      });

      it('still rejects an unknown zone', () => {
        expect(() => parseEventTime('2019-10-08T09:00Z', 'Mars/Olympus')).toThrow(RangeError);
      });
    });

    describe('malformed input', () => {
      it.each([
        '',
        'tomorrow',
        '2019-10-08',
        '2019-10-08 09:00',
        '2019-10-08t09:00',
        '2019-10-08T9:00',
        '2019-10-08T09',
        '2019-10-08T09:00z',
        '2019-10-08T09:00:00.12',
        '2019-10-08T09:00:00.1234',
        '2019-10-08T09:00+0200',
        '2019-10-08T09:00+02',
        '2019-10-08T09:00 ',
        '19-10-08T09:00',
      ])('rejects %p as badly formatted', (input) => {
        expect(() => parseEventTime(input, BRUSSELS)).toThrow(InvalidTimeError);
      });

      it.each([
        '2019-02-30T10:00',
        '2019-02-29T10:00',
        '1900-02-29T10:00',
        '2019-04-31T10:00',
        '2019-13-01T10:00',
        '2019-00-10T10:00',
        '2019-10-00T10:00',
        '2019-10-08T24:00',
        '2019-10-08T09:60',
        '2019-10-08T09:00:60',
        '2019-10-08T09:00+24:00',
        '2019-10-08T09:00+02:60',
      ])('rejects the impossible %p', (input) => {
        expect(() => parseEventTime(input, BRUSSELS)).toThrow(InvalidTimeError);
      });

      it.each(['2027-02-02T17:30', '2027-02-28T09:00', '2026-02-14T09:00', '2100-02-28T09:00', '0099-02-28T09:00'])(
        'accepts every February day of a common year, such as %p',
        (input) => {
          expect(formatInZone(parseEventTime(input, BRUSSELS), BRUSSELS).slice(0, 16)).toBe(input);
        },
      );

      it.each(['2027-02-29T10:00', '2100-02-29T10:00', '2027-04-31T10:00'])('rejects %p, a day its month does not have', (input) => {
        expect(() => parseEventTime(input, BRUSSELS)).toThrow(InvalidTimeError);
      });

      it('accepts real leap days', () => {
        expect(parseEventTime('2020-02-29T10:00Z', BRUSSELS).toISOString()).toBe('2020-02-29T10:00:00.000Z');
        expect(parseEventTime('2000-02-29T10:00Z', BRUSSELS).toISOString()).toBe('2000-02-29T10:00:00.000Z');
      });

      it('reports the input and the expected format', () => {
        const error = captureError(() => parseEventTime('2019-02-30T10:00', BRUSSELS));
        expect(error).toBeInstanceOf(InvalidTimeError);
        expect(error).toBeInstanceOf(Error);
        expect(error).toMatchObject({ input: '2019-02-30T10:00' });
        expect((error as Error).message).toContain('YYYY-MM-DDTHH:mm[:ss[.SSS]][Z|±HH:mm]');
      });
    });
  });

  describe('formatInZone', () => {
    it('formats with the zone offset', () => {
      expect(formatInZone(utc('2019-10-08T07:00:00Z'), BRUSSELS)).toBe('2019-10-08T09:00:00+02:00');
      expect(formatInZone(utc('2019-01-15T08:00:00Z'), BRUSSELS)).toBe('2019-01-15T09:00:00+01:00');
    });

    it('shows both occurrences of an ambiguous time with their own offsets', () => {
      expect(formatInZone(utc('2019-10-27T00:30:00Z'), BRUSSELS)).toBe('2019-10-27T02:30:00+02:00');
      expect(formatInZone(utc('2019-10-27T01:30:00Z'), BRUSSELS)).toBe('2019-10-27T02:30:00+01:00');
    });

    it('uses +00:00, never Z, for UTC', () => {
      expect(formatInZone(utc('2019-10-08T09:00:00Z'), 'UTC')).toBe('2019-10-08T09:00:00+00:00');
    });

    it('handles offsets with minutes (Asia/Kathmandu +05:45)', () => {
      expect(formatInZone(utc('2019-10-08T03:15:00Z'), KATHMANDU)).toBe('2019-10-08T09:00:00+05:45');
      expect(formatInZone(utc('2019-10-07T18:15:00Z'), KATHMANDU)).toBe('2019-10-08T00:00:00+05:45');
    });

    it('handles negative offsets and drops milliseconds', () => {
      expect(formatInZone(utc('2019-10-08T14:00:00.789Z'), LIMA)).toBe('2019-10-08T09:00:00-05:00');
      expect(formatInZone(utc('2019-10-08T03:00:00Z'), LIMA)).toBe('2019-10-07T22:00:00-05:00');
    });

    it('shows the later local date in a zone far ahead of UTC', () => {
      expect(formatInZone(utc('2019-10-08T12:00:00Z'), KIRITIMATI)).toBe('2019-10-09T02:00:00+14:00');
    });
  });

  describe('localDate', () => {
    it('differs from the UTC date far from UTC', () => {
      expect(localDate(utc('2019-10-08T12:00:00Z'), KIRITIMATI)).toBe('2019-10-09');
      expect(localDate(utc('2019-10-08T09:59:59Z'), KIRITIMATI)).toBe('2019-10-08');
      expect(localDate(utc('2019-10-07T20:00:00Z'), AUCKLAND)).toBe('2019-10-08');
      expect(localDate(utc('2019-10-08T03:00:00Z'), LIMA)).toBe('2019-10-07');
    });

    it('switches at local midnight in a +05:45 zone', () => {
      expect(localDate(utc('2019-10-07T18:14:59Z'), KATHMANDU)).toBe('2019-10-07');
      expect(localDate(utc('2019-10-07T18:15:00Z'), KATHMANDU)).toBe('2019-10-08');
    });
  });

  describe('startOfLocalDay', () => {
    it('gives local midnight', () => {
      expect(startOfLocalDay('2019-10-08', BRUSSELS).toISOString()).toBe('2019-10-07T22:00:00.000Z');
      expect(startOfLocalDay('2019-10-09', KIRITIMATI).toISOString()).toBe('2019-10-08T10:00:00.000Z');
      expect(startOfLocalDay('2019-10-08', KATHMANDU).toISOString()).toBe('2019-10-07T18:15:00.000Z');
    });

    it('yields a 25-hour day when summer time ends', () => {
      const start = startOfLocalDay('2019-10-27', BRUSSELS);
      const next = startOfLocalDay('2019-10-28', BRUSSELS);
      expect(start.toISOString()).toBe('2019-10-26T22:00:00.000Z');
      expect(next.toISOString()).toBe('2019-10-27T23:00:00.000Z');
      expect(next.getTime() - start.getTime()).toBe(25 * HOUR_MS);
    });

    it('yields a 23-hour day when summer time starts', () => {
      const start = startOfLocalDay('2019-03-31', BRUSSELS);
      const next = startOfLocalDay('2019-04-01', BRUSSELS);
      expect(start.toISOString()).toBe('2019-03-30T23:00:00.000Z');
      expect(next.toISOString()).toBe('2019-03-31T22:00:00.000Z');
      expect(next.getTime() - start.getTime()).toBe(23 * HOUR_MS);
    });

    it('gives the first existing instant when midnight is skipped (America/Santiago)', () => {
      // On 2019-09-08 Santiago's clocks went from 00:00 -04:00 straight to 01:00 -03:00.
      const start = startOfLocalDay('2019-09-08', SANTIAGO);
      expect(start.toISOString()).toBe('2019-09-08T04:00:00.000Z');
      expect(formatInZone(start, SANTIAGO)).toBe('2019-09-08T01:00:00-03:00');
      expect(startOfLocalDay('2019-09-07', SANTIAGO).toISOString()).toBe('2019-09-07T04:00:00.000Z');
    });

    it('gives the single midnight when clocks fall back from midnight (America/Santiago)', () => {
      // On 2019-04-07 00:00 -03:00 clocks went back to 2019-04-06 23:00 -04:00.
      expect(startOfLocalDay('2019-04-07', SANTIAGO).toISOString()).toBe('2019-04-07T04:00:00.000Z');
      expect(localDate(utc('2019-04-07T03:30:00Z'), SANTIAGO)).toBe('2019-04-06');
    });

    it('throws WallClockGapError for a day that never existed', () => {
      expect(() => startOfLocalDay('1994-12-31', KIRITIMATI)).toThrow(WallClockGapError);
      expect(startOfLocalDay('1995-01-01', KIRITIMATI).toISOString()).toBe('1994-12-31T10:00:00.000Z');
    });

    it('rejects a malformed or impossible date', () => {
      expect(() => startOfLocalDay('2019-02-30', BRUSSELS)).toThrow(InvalidTimeError);
      expect(() => startOfLocalDay('2019-10-08T00:00', BRUSSELS)).toThrow(InvalidTimeError);
      expect(() => startOfLocalDay('20191008', BRUSSELS)).toThrow(InvalidTimeError);
    });
  });

  describe('localDatesBetween', () => {
    const at = (input: string, tz = BRUSSELS) => parseEventTime(input, tz);

    it('lists each local date the event touches', () => {
      expect(localDatesBetween(at('2019-10-08T09:00+02:00'), at('2019-10-09T17:00+02:00'), BRUSSELS)).toEqual(['2019-10-08', '2019-10-09']);
    });

    it('does not add a day for an end exactly at local midnight', () => {
      expect(localDatesBetween(at('2019-10-08T09:00+02:00'), at('2019-10-10T00:00+02:00'), BRUSSELS)).toEqual(['2019-10-08', '2019-10-09']);
      expect(localDatesBetween(at('2019-10-08T09:00+02:00'), at('2019-10-10T00:00:01+02:00'), BRUSSELS)).toEqual([
        '2019-10-08',
        '2019-10-09',
        '2019-10-10',
      ]);
    });

    it('gives a single date for a same-day or zero-length event', () => {
      expect(localDatesBetween(at('2019-10-08T09:00'), at('2019-10-08T17:00'), BRUSSELS)).toEqual(['2019-10-08']);
      expect(localDatesBetween(at('2019-10-08T00:00'), at('2019-10-08T00:00'), BRUSSELS)).toEqual(['2019-10-08']);
    });

    it('counts the 25-hour day once', () => {
      // Midnight to midnight across the autumn change is 25 hours but a single local date.
      expect(localDatesBetween(at('2019-10-27T00:00'), at('2019-10-28T00:00'), BRUSSELS)).toEqual(['2019-10-27']);
      // 23:30 to 23:30 local is 25 hours and touches exactly two dates.
      expect(localDatesBetween(at('2019-10-26T23:30'), at('2019-10-27T23:30'), BRUSSELS)).toEqual(['2019-10-26', '2019-10-27']);
    });

    it('counts the 23-hour day once', () => {
      expect(localDatesBetween(at('2019-03-31T00:00'), at('2019-04-01T00:00'), BRUSSELS)).toEqual(['2019-03-31']);
      expect(localDatesBetween(at('2019-03-30T12:00'), at('2019-04-01T12:00'), BRUSSELS)).toEqual([
        '2019-03-30',
        '2019-03-31',
        '2019-04-01',
      ]);
    });

    it('spans the whole last weekend of October 2019', () => {
      expect(localDatesBetween(at('2019-10-25T18:00'), at('2019-10-28T09:00'), BRUSSELS)).toEqual([
        '2019-10-25',
        '2019-10-26',
        '2019-10-27',
        '2019-10-28',
      ]);
    });

    it('uses local dates, not UTC dates, far from UTC', () => {
      // 10:00Z-20:00Z on 2019-10-08 is 2019-10-09T00:00 to 10:00 in Kiritimati: one local date, not the UTC one.
      expect(localDatesBetween(utc('2019-10-08T10:00:00Z'), utc('2019-10-08T20:00:00Z'), KIRITIMATI)).toEqual(['2019-10-09']);
      expect(localDatesBetween(utc('2019-10-08T09:00:00Z'), utc('2019-10-08T11:00:00Z'), KIRITIMATI)).toEqual(['2019-10-08', '2019-10-09']);
    });

    it('treats the first instant of a day with a skipped midnight as that day boundary', () => {
      expect(localDatesBetween(at('2019-09-07T12:00', SANTIAGO), at('2019-09-08T01:00', SANTIAGO), SANTIAGO)).toEqual(['2019-09-07']);
    });

    it('rejects an end before the start', () => {
      expect(() => localDatesBetween(at('2019-10-09T09:00'), at('2019-10-08T09:00'), BRUSSELS)).toThrow(RangeError);
    });
  });

  describe('describeInstant', () => {
    it("writes the zone's wall-clock time in the locale's words and leaves naming the zone to the sentence", () => {
      const brussels = describeInstant(utc('2019-10-08T07:00:00Z'), BRUSSELS);
      expect(brussels).toContain('8 October 2019');
      expect(brussels).toContain('09:00');
      expect(brussels).not.toContain(BRUSSELS);
      const lima = describeInstant(utc('2019-10-08T07:00:00Z'), LIMA, 'fr-FR');
      expect(lima).toContain('8 octobre 2019');
      expect(lima).toContain('02:00');
    });
  });
});
