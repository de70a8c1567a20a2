/**
 * What reports may read of the agenda: this module's reporting views
 * (migration 1796260000000-ReportingViews). Postgres refuses to drop or
 * retype a column a view shows, so a change to these tables must say what
 * the report reads instead.
 */
export const AGENDA_REPORTING = {
  /** id, event_id, kind, title, theme_id, starts_at, host_organisation, status */
  sessions: 'report_sessions',
  /** id, event_id, name */
  themes: 'report_themes',
  /** id, event_id, session_id, title, theme_id, position, status */
  presentations: 'report_presentations',
  /** presentation_id, person_id, role, position */
  presenters: 'report_presentation_presenters',
  /** session_id, person_id */
  chairs: 'report_session_chairs',
  /** event_id, number, note, published_at, snapshot, changes */
  versions: 'report_agenda_versions',
} as const;
