/**
 * A minimal RFC 5545 (iCalendar) writer: content lines with TEXT escaping,
 * folding at 75 octets without splitting a UTF-8 sequence, and CRLF endings.
 * It writes what Plenary publishes (VCALENDAR with VEVENTs, times in UTC) and
 * nothing it does not need, so no VTIMEZONE.
 */

const CRLF = '\r\n';
const PRODID = '-//Plenary//Plenary 1.0//EN';
const MAX_LINE_OCTETS = 75;

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks; other controls dropped. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n|\r|\n/g, '\n')
      // CTLs other than HTAB are not allowed in TEXT; the line break is re-added as \n below.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
      .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
  );
}

/**
 * Folds one content line (RFC 5545 §3.1): no physical line longer than 75
 * octets, continuations starting with a space that counts towards them, and
 * never a break inside a multi-octet character.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1; // the leading space of a continuation
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** A DATE-TIME in UTC form, `20191008T073000Z` (seconds kept, milliseconds dropped). */
export function formatUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Builds one iCalendar object line by line. */
export class IcsCalendar {
  private readonly lines: string[] = [];

  /** A published calendar (METHOD:PUBLISH) named for calendar apps; VEVENTs follow. */
  static publishing(name: string): IcsCalendar {
    return new IcsCalendar()
      .begin('VCALENDAR')
      .raw('VERSION', '2.0')
      .raw('PRODID', PRODID)
      .raw('CALSCALE', 'GREGORIAN')
      .raw('METHOD', 'PUBLISH')
      .text('X-WR-CALNAME', name);
  }

  begin(component: string): this {
    return this.raw('BEGIN', component);
  }

  end(component: string): this {
    return this.raw('END', component);
  }

  /** A property whose value is already in iCalendar form (numbers, enumerated values, durations). */
  raw(name: string, value: string, params: Record<string, string> = {}): this {
    const paramText = Object.entries(params)
      .map(([key, v]) => `;${key}=${/[;:,"]/.test(v) ? `"${v.replace(/"/g, '')}"` : v}`)
      .join('');
    this.lines.push(foldLine(`${name}${paramText}:${value}`));
    return this;
  }

  /** A TEXT property; nothing is written for an empty value. */
  text(name: string, value: string | null | undefined): this {
    if (value === null || value === undefined || value === '') return this;
    return this.raw(name, escapeText(value));
  }

  /** A multi-valued TEXT property such as CATEGORIES; each value escaped, joined by commas. */
  textList(name: string, values: Array<string | null | undefined>): this {
    const present = values.filter((v): v is string => typeof v === 'string' && v !== '');
    if (present.length === 0) return this;
    return this.raw(name, present.map(escapeText).join(','));
  }

  utc(name: string, instant: Date): this {
    return this.raw(name, formatUtc(instant));
  }

  toString(): string {
    return this.lines.join(CRLF) + CRLF;
  }
}
