import { Table } from '../platform/http/table-download';
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

/** The registrations export (CSV or xlsx), one row a registration, in the order the list is read. */
export function registrationsTable(eventSlug: string, registrations: AsyncIterable<RegistrationView>): Table {
  return {
    name: `${eventSlug}-registrations`,
    header: COLUMNS.map(([name]) => name),
    rows: (async function* () {
      for await (const registration of registrations) yield COLUMNS.map(([, get]) => get(registration));
    })(),
  };
}
