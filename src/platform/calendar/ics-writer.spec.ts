import ICAL from 'ical.js';
import { IcsCalendar, escapeText, foldLine, formatUtc } from './ics-writer';

const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('iCalendar writer', () => {
  it('escapes TEXT values: backslash, semicolon, comma and line breaks; drops other controls', () => {
    expect(escapeText('a\\b;c,d\r\ne\rf\ng')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('bell\u0007 and\ttab')).toBe('bell and\ttab');
  });

  it('folds at 75 octets, continuation lines starting with a space', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(2);
    for (const [i, part] of physical.entries()) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
    }
    expect(physical[0]).toHaveLength(75);
    expect(unfold(folded)).toBe(line);
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
  });

  it('never splits a multi-octet UTF-8 character when folding', () => {
    const line = `SUMMARY:${'é'.repeat(60)}${'🇧🇪'.repeat(20)}Andalucía`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      // A split sequence would not survive a UTF-8 round trip.
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      expect(part).not.toMatch(/[\ud800-\udbff]$/);
    }
    expect(unfold(folded)).toBe(line);
  });

  it('writes UTC date-times in the basic form', () => {
    expect(formatUtc(new Date('2019-10-08T07:30:00.123Z'))).toBe('20191008T073000Z');
  });

  it('round-trips awkward text through a real parser', () => {
    const summary = "Région d'O'Higgins; Andalucía, \\ and a long title that needs folding — 🇨🇱🇪🇸 ".repeat(3);
    const description = 'Line one\nLine two; with, punctuation\r\nLine three';
    const text = new IcsCalendar()
      .begin('VCALENDAR')
      .raw('VERSION', '2.0')
      .raw('PRODID', '-//test//EN')
      .begin('VEVENT')
      .text('UID', 'abc@plenary')
      .utc('DTSTAMP', new Date('2019-10-01T00:00:00Z'))
      .utc('DTSTART', new Date('2019-10-08T07:30:00Z'))
      .text('SUMMARY', summary)
      .text('DESCRIPTION', description)
      .textList('CATEGORIES', ['Industry, modernisation', null])
      .end('VEVENT')
      .end('VCALENDAR')
      .toString();
    expect(text.endsWith('\r\n')).toBe(true);
    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('summary')).toBe(summary);
    expect(vevent.getFirstPropertyValue('description')).toBe(description.replace(/\r\n/g, '\n'));
    expect(vevent.getFirstProperty('categories')!.getValues()).toEqual(['Industry, modernisation']);
  });
});
