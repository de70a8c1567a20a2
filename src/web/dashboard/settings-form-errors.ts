import { FormErrors, translateFormErrors } from '../form-input';
import { Language } from '../i18n/languages';
import { translate } from '../i18n/messages';

/**
 * The API's messages for the event's fields (events.service.ts, event-fields.ts,
 * zoned-time.ts), as the settings pages say them in the page's language:
 * "Ends must be after Starts" rather than "must be after startsAt".
 */
const SETTINGS_MESSAGES: Array<[RegExp, string]> = [
  [/^must be after startsAt$/, 'dashboard.settings.error.endsAfterStarts'],
  [/^must be after registrationOpensAt$/, 'dashboard.settings.error.closesAfterOpens'],
  [/^expected an IANA time zone/, 'dashboard.settings.error.timezone'],
  [/^expected lower-case letters, digits and single hyphens$/, 'dashboard.settings.error.slug'],
  [/^at least (?<min>\d+) characters$/, 'dashboard.settings.error.tooShort'],
  [/^(expected a date-time|Invalid time)/, 'dashboard.settings.error.time'],
  [/does not exist in time zone (?<zone>\S+)/, 'dashboard.settings.error.gap'],
  [/^expected an http\(s\) URL$/, 'dashboard.settings.error.url'],
  [/^(expected at least 1|positions start at 1)$/, 'dashboard.settings.error.atLeastOne'],
  [/^at most (?<max>\d+) co-organisers$/, 'dashboard.settings.error.tooManyCoOrganisers'],
  [/^expected text or a number$/, 'attendee.error.required'],
];

/** A refusal's detail that belongs beside one field rather than above the form. */
const DETAIL_FIELDS: Array<[RegExp, string, string]> = [
  [/^The slug ".*" is already used by another event$/, 'slug', 'dashboard.settings.error.slugTaken'],
  [/is cancelled and can no longer change$/, '(form)', 'dashboard.settings.error.cancelled'],
  [/is already a member of this event$/, 'email', 'dashboard.settings.error.alreadyMember'],
  [/^This is the event's last owner/, '(form)', 'dashboard.settings.error.lastOwner'],
];

export function settingsFormErrors(language: Language, errors: FormErrors): FormErrors {
  const out: FormErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const detail = DETAIL_FIELDS.find(([pattern]) => pattern.test(message));
    if (detail) {
      out[detail[1]] = translate(language, detail[2]);
      continue;
    }
    const known = SETTINGS_MESSAGES.map(([pattern, key]) => ({ match: pattern.exec(message), key })).find(({ match }) => match);
    out[field] = known ? translate(language, known.key, known.match?.groups) : message;
  }
  return translateFormErrors(language, out);
}
