import type { Request } from 'express';
import { FormErrors } from '../form-input';
import { translate } from '../i18n/messages';

/** The label key of each field the agenda's forms show, by its path with indices taken out (`presenters[].email`). */
const FIELD_LABELS: Record<string, string> = {
  title: 'dashboard.agenda.field.title',
  name: 'dashboard.agenda.field.name',
  capacity: 'dashboard.agenda.field.capacity',
  colour: 'dashboard.agenda.field.colour',
  kind: 'dashboard.agenda.field.kind',
  startsAt: 'dashboard.agenda.field.startsAt',
  endsAt: 'dashboard.agenda.field.endsAt',
  roomId: 'dashboard.agenda.field.room',
  themeId: 'dashboard.agenda.field.theme',
  sessionId: 'dashboard.agenda.field.session',
  hostOrganisation: 'dashboard.agenda.field.hostOrganisation',
  description: 'dashboard.agenda.field.description',
  abstract: 'dashboard.agenda.field.abstract',
  position: 'dashboard.agenda.field.position',
  status: 'dashboard.agenda.field.status',
  chairs: 'dashboard.agenda.field.chairs',
  'chairs[].personId': 'dashboard.agenda.field.person',
  'chairs[].role': 'dashboard.agenda.field.chairRole',
  presenters: 'dashboard.agenda.field.presenters',
  'presenters[].name': 'dashboard.agenda.field.name',
  'presenters[].email': 'dashboard.agenda.field.email',
  'presenters[].organisation': 'dashboard.agenda.field.organisation',
  'presenters[].region': 'dashboard.agenda.field.region',
  'presenters[].countryCode': 'dashboard.agenda.field.countryCode',
  'presenters[].role': 'dashboard.agenda.field.presenterRole',
  note: 'dashboard.agenda.field.note',
};

/** The API's English messages (its schemas, zod-messages and the agenda services), by kind, as the agenda pages say them. */
const MESSAGES: Array<[RegExp, string]> = [
  [/^required$/, 'dashboard.agenda.error.required'],
  [/^must be after (?<other>\w+)$/, 'dashboard.agenda.error.after'],
  [/^must be on one of the event's days \((?<days>[^)]*)\)$/, 'dashboard.agenda.error.outsideDays'],
  [/^expected an email address$/, 'dashboard.agenda.error.email'],
  [/^expected an ISO 3166-1/, 'dashboard.agenda.error.country'],
  [/^expected a colour/, 'dashboard.agenda.error.colour'],
  [/^expected a whole number$/, 'dashboard.agenda.error.wholeNumber'],
  [/^expected at least (?<min>\d+)$/, 'dashboard.agenda.error.atLeast'],
  [/^positions start at 1$/, 'dashboard.agenda.error.atLeast'],
  [/^too_big|^expected at most (?<max>\d+)$/, 'dashboard.agenda.error.tooBig'],
  [/^at most (?<max>\d+) characters$/, 'dashboard.agenda.error.tooLong'],
  [/^expected one of/, 'dashboard.agenda.error.choice'],
  [/^expected an id$/, 'dashboard.agenda.error.choice'],
  [/^no such (?:person|room|theme|session) in this event$/, 'dashboard.agenda.error.gone'],
  [/^a person is listed twice$/, 'dashboard.agenda.error.twice'],
  [/^only one presenter can be the lead$/, 'dashboard.agenda.error.oneLead'],
  [/^at most 20 presenters$/, 'dashboard.agenda.error.tooManyPresenters'],
  [/^a position is a place in a session/, 'dashboard.agenda.error.positionNeedsSession'],
  [/^The room is booked by "(?<session>.*)" from (?<from>\S+) to (?<to>\S+)$/, 'dashboard.agenda.error.roomBooked'],
  [/^This event already has a \w+ named "(?<name>.*)"$/, 'dashboard.agenda.error.nameTaken'],
  [/^Local time "(?<time>[^"]*)" does not exist/, 'dashboard.agenda.error.dstGap'],
  [/^Invalid time/, 'dashboard.agenda.error.time'],
];

/** `presenters[1].email` → `presenters[].email`, the key of its label. */
function labelPath(field: string): string {
  return field.replace(/\[\d+\]/g, '[]');
}

/**
 * Field errors of the agenda's forms in the page's language, naming fields as
 * the form labels them ("Ends must be after Starts"). A message the page wrote
 * itself, or one no pattern knows, is shown as it is.
 */
export function agendaFormErrors(req: Request, errors: FormErrors, requiredKeys: Record<string, string> = {}): FormErrors {
  const language = req.language ?? 'en';
  const label = (field: string) => {
    const key = FIELD_LABELS[labelPath(field)] ?? FIELD_LABELS[field];
    return key ? translate(language, key) : field;
  };
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      const required = requiredKeys[labelPath(field)];
      if (message === 'required' && required) return [field, translate(language, required)];
      for (const [pattern, key] of MESSAGES) {
        const match = pattern.exec(message);
        if (!match) continue;
        const params: Record<string, string> = { field: label(field), ...match.groups };
        if (params.other) params.other = label(params.other);
        if (params.from) params.from = shortTime(params.from);
        if (params.to) params.to = shortTime(params.to);
        return [field, translate(language, key, params)];
      }
      return [field, message];
    }),
  );
}

/** `2019-10-08T10:00:00+02:00` → `2019-10-08 10:00`: the event's wall-clock time, as the form shows it. */
function shortTime(value: string): string {
  return value.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}).*$/, '$1 $2');
}
