import { join } from 'node:path';
import { crossings, sqlOutsideRepositories } from './table-ownership';

const ROOT = join(__dirname, '..', '..');

/**
 * Each table belongs to the module that declares its entity, and only that
 * module writes it. A module may read another's table in a join where one
 * statement is the point (a filtered, paged list; a lock order); each such
 * read is declared here with the reason, so a new crossing fails until
 * someone decides it is one.
 */
const DECLARED_READS: Record<string, string> = {
  'agenda/agenda-versions.repository.ts people': 'presenters of published sessions, frozen into the version',
  'agenda/working-agenda.repository.ts people': "chairs' and presenters' names in the working agenda",
  'cli/plenary-cli.ts worker_heartbeats': 'the operator command that lists live workers',
  'events/event-members.repository.ts organisers': "members' names and addresses beside their roles",
  'presenters/presenter-invitations.repository.ts people': "invited presenters' names",
  'presenters/presenter-invitations.repository.ts presentation_presenters': 'which presenters an invitation reaches',
  'presenters/presenter-invitations.repository.ts presentations': 'which presentations an invitation covers',
  'registration/check-ins.repository.ts people': 'the check-in list searched by name',
  'registration/public-registrations.repository.ts events': 'the registration window checked in the statement that registers',
  'registration/public-registrations.repository.ts people': 'people matched by address in the statement that registers',
  'registration/registration-data.repository.ts emails': 'the mail a data export lists',
  'registration/registration-erasure.repository.ts events': 'which events ended long enough ago',
  'registration/registration-erasure.repository.ts people': 'whose data is not erased yet',
  'registration/registration-erasure.repository.ts presentation_presenters': 'presenters are kept: the agenda names them',
  'registration/registration-erasure.repository.ts session_chairs': 'chairs are kept: the agenda names them',
  'registration/registration-queries.repository.ts people': 'the registrations list filtered and searched by person',
  'registration/registration-stats.repository.ts people': 'registrations counted by country and organisation type',
  'registration/registration-stats.repository.ts sessions': 'sign-ups counted per session',
  'registration/registrations.repository.ts events': "the event row's lock orders seat changes; its capacity is the seat count",
  'registration/registrations.repository.ts people': 'registrations listed with their person',
  'registration/session-signups.repository.ts people': "a session's sign-up list by name",
  'registration/session-signups.repository.ts sessions': 'sign-ups listed with their session',
  'reminders/change-notices.repository.ts agenda_versions': 'published versions not yet told to attendees',
  'reminders/change-notices.repository.ts events': 'only events not over yet',
  'reminders/reminders.repository.ts emails': 'a reminder occurrence is done when its mails are',
  'reminders/reminders.repository.ts events': 'only events not over yet',
  'reports/reports.repository.ts events': 'events ended and not reported yet',
};

/**
 * SQL lives in repositories, so a table's statements are found in one place.
 * The files that hold SQL anyway, each with the reason.
 */
const DECLARED_SQL: Record<string, string> = {
  'auth/organiser-accounts.ts': 'account writes shared by the Nest service and the shell CLI, which runs without Nest',
  'cli/plenary-cli.ts': 'operator commands on a bare DataSource',
  'reports/report-queries.ts':
    "the report's read-model statements over the reporting views other modules declare; run by reports' repository",
  'surveys/surveys-reporting.ts':
    'the survey results read model surveys exports to reports (and its own results API), over its reporting views',
};

describe('table ownership', () => {
  const found = crossings(join(ROOT, 'src'));

  it('no module writes a table another module owns', () => {
    expect(found.filter((c) => c.access === 'write')).toEqual([]);
  });

  it("every read of another module's table is declared, and every declaration still holds", () => {
    const reads = found
      .filter((c) => c.access === 'read')
      .map((c) => `${c.file} ${c.table}`)
      .sort();
    expect(reads).toEqual(Object.keys(DECLARED_READS).sort());
  });

  it('refuses a planted write to another module’s table', () => {
    expect(crossings(join(ROOT, 'test', 'fixtures', 'planted-violations', 'src'))).toEqual([
      { file: 'reminders/reminder-things.repository.ts', table: 'session_things', owner: 'agenda', access: 'write' },
    ]);
  });

  it('SQL lives in repositories: every other file that holds SQL is declared, and every declaration still holds SQL', () => {
    expect(sqlOutsideRepositories(join(ROOT, 'src'))).toEqual(Object.keys(DECLARED_SQL).sort());
  });

  it('refuses planted SQL in services, and leaves a planted repository’s alone', () => {
    expect(sqlOutsideRepositories(join(ROOT, 'test', 'fixtures', 'planted-violations', 'src'))).toEqual([
      'events/event-notes.service.ts',
      'people/people-thing.ts',
    ]);
  });
});
