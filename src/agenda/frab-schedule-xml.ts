import { FrabEvent, FrabSchedule, frabId } from './frab-schedule';

/** XML 1.0 has no way to carry most C0 controls, even escaped: they are dropped. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attributes(values: Record<string, string | number | null | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function element(name: string, text: string | number | boolean | null, attrs: Record<string, string | number | null> = {}): string {
  return text === null || text === ''
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${escapeXml(String(text))}</${name}>`;
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

function eventXml(event: FrabEvent, indent: string): string {
  const inner = `${indent}  `;
  const persons = event.persons.map((p) => `${inner}  ${element('person', p.name, { id: frabId(p.guid), guid: p.guid })}`);
  return [
    `${indent}<event${attributes({ guid: event.guid, id: event.id, code: event.code })}>`,
    `${inner}${element('date', event.date)}`,
    `${inner}${element('start', event.start)}`,
    `${inner}${element('duration', event.duration)}`,
    `${inner}${element('room', event.room)}`,
    `${inner}${element('slug', event.slug)}`,
    `${inner}${element('url', event.url)}`,
    `${inner}${element('feedback_url', event.feedback_url)}`,
    `${inner}${element('title', event.title)}`,
    `${inner}${element('subtitle', event.subtitle)}`,
    `${inner}${element('track', event.track ?? '')}`,
    `${inner}${element('type', event.type)}`,
    `${inner}${element('language', event.language)}`,
    `${inner}${element('abstract', event.abstract)}`,
    `${inner}${element('description', event.description)}`,
    `${inner}<logo/>`,
    `${inner}<recording>${element('license', event.recording_license)}${element('optout', event.do_not_record)}</recording>`,
    persons.length > 0 ? `${inner}<persons>\n${persons.join('\n')}\n${inner}</persons>` : `${inner}<persons/>`,
    `${inner}<links/>`,
    `${inner}<attachments/>`,
    `${indent}</event>`,
  ].join('\n');
}

/**
 * `GET /events/:eventId/schedule.xml`: the frab schedule XML (c3voc's
 * schedule.xml.xsd) that Giggity, ConfClerk and the Fahrplan apps read, from
 * the same document as schedule.json so the two never disagree.
 */
export function buildFrabScheduleXml(frab: FrabSchedule): string {
  const { schedule } = frab;
  const conference = schedule.conference;
  const tracks = conference.tracks.map(
    (t) => `    <track${attributes({ name: t.name, color: t.color && HEX_COLOUR.test(t.color) ? t.color : null })}/>`,
  );
  const days = conference.days.map((day) => {
    const rooms = conference.rooms
      .filter((room) => day.rooms[room.name]?.length)
      .map((room) => {
        const events = day.rooms[room.name].map((event) => eventXml(event, '      '));
        return [`    <room${attributes({ name: room.name, guid: room.guid })}>`, ...events, '    </room>'].join('\n');
      });
    const open = `  <day${attributes({ index: day.index, date: day.date, start: day.day_start, end: day.day_end })}`;
    return rooms.length > 0 ? [`${open}>`, ...rooms, '  </day>'].join('\n') : `${open}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<schedule>',
    `  <generator${attributes({ name: frab.generator.name, version: frab.generator.version })}/>`,
    `  ${element('url', schedule.url)}`,
    `  ${element('version', schedule.version)}`,
    '  <conference>',
    `    ${element('acronym', conference.acronym)}`,
    `    ${element('title', conference.title)}`,
    `    ${element('start', conference.start)}`,
    `    ${element('end', conference.end)}`,
    `    ${element('days', conference.daysCount)}`,
    `    ${element('timeslot_duration', conference.timeslot_duration)}`,
    `    ${element('base_url', schedule.base_url)}`,
    `    ${element('url', conference.url)}`,
    `    ${element('time_zone_name', conference.time_zone_name)}`,
    ...tracks,
    '  </conference>',
    ...days,
    '</schedule>',
    '',
  ].join('\n');
}
