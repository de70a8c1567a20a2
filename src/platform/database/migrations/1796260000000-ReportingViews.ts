import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting views: what the post-event report may read of each module's
 * tables, one set per owning module (named in `<module>-reporting.ts` there).
 * Plain projections, so Postgres folds them into the report's statements and
 * plans them as it planned the tables. A migration that changes a column
 * these views show recreates the view in the owning module's name.
 */
const VIEWS: Array<[name: string, owner: string, select: string]> = [
  ['report_organisers', 'auth', `SELECT id, email, name FROM organisers`],
  [
    'report_events',
    'events',
    `SELECT id, slug, title, timezone, venue, starts_at, ends_at, status, capacity, co_organisers, materials_due_at FROM events`,
  ],
  ['report_event_members', 'events', `SELECT event_id, organiser_id, created_at FROM event_members`],
  [
    'report_people',
    'people',
    `SELECT id, event_id, name, email_key, organisation, organisation_type, region, country_code FROM people`,
  ],
  [
    'report_sessions',
    'agenda',
    `SELECT id, event_id, kind, title, theme_id, starts_at, host_organisation, status FROM sessions`,
  ],
  ['report_themes', 'agenda', `SELECT id, event_id, name FROM themes`],
  [
    'report_presentations',
    'agenda',
    `SELECT id, event_id, session_id, title, theme_id, position, status FROM presentations`,
  ],
  ['report_presentation_presenters', 'agenda', `SELECT presentation_id, person_id, role, position FROM presentation_presenters`],
  ['report_session_chairs', 'agenda', `SELECT session_id, person_id FROM session_chairs`],
  ['report_agenda_versions', 'agenda', `SELECT event_id, number, note, published_at, snapshot, changes FROM agenda_versions`],
  ['report_presentation_materials', 'presenters', `SELECT event_id, presentation_id, uploaded_at FROM presentation_materials`],
  ['report_registrations', 'registration', `SELECT id, event_id, person_id, status, source, promoted_at FROM registrations`],
  ['report_check_ins', 'registration', `SELECT event_id, registration_id, day FROM check_ins`],
  ['report_emails', 'mail', `SELECT event_id, kind, status FROM emails`],
];

export class ReportingViews1796260000000 implements MigrationInterface {
  name = 'ReportingViews1796260000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, owner, select] of VIEWS) {
      await queryRunner.query(`CREATE VIEW "${name}" AS ${select}`);
      await queryRunner.query(`COMMENT ON VIEW "${name}" IS 'What reports read; owned by the ${owner} module'`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...VIEWS].reverse()) await queryRunner.query(`DROP VIEW "${name}"`);
  }
}
