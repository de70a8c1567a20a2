import { RegistrationView } from './registration.view';

const COLUMNS: Array<[string, (r: RegistrationView) => unknown]> = [
  ['id', (r) => r.id],
  ['status', (r) => r.status],
  ['name', (r) => r.name],
  ['email', (r) => r.email],
  ['organisation', (r) => r.organisation],
  ['organisation_type', (r) => r.organisationType],
  ['region', (r) => r.region],
  ['country_code', (r) => r.countryCode],
  ['title', (r) => r.title],
  ['language', (r) => r.language],
  ['check_in_code', (r) => r.checkInCode],
  ['checked_in_days', (r) => r.checkedInDays.join(' ')],
  ['registered_at', (r) => r.createdAt],
  ['confirmed_at', (r) => r.confirmedAt],
  ['cancelled_at', (r) => r.cancelledAt],
];

/**
 * RFC 4180 quoting; a value a spreadsheet would read as a formula
 * (=, +, -, @ first) is prefixed with an apostrophe.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const registrationsCsvHeader = `${COLUMNS.map(([name]) => name).join(',')}\r\n`;

export function registrationCsvLine(registration: RegistrationView): string {
  return `${COLUMNS.map(([, get]) => csvCell(get(registration))).join(',')}\r\n`;
}
