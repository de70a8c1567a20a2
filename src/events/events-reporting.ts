/**
 * What reports may read of events and their members: this module's reporting views
 * (migration 1796260000000-ReportingViews). Postgres refuses to drop or
 * retype a column a view shows, so a change to these tables must say what
 * the report reads instead.
 */
export const EVENTS_REPORTING = {
  /** id, slug, title, timezone, venue, starts_at, ends_at, status, capacity, co_organisers, materials_due_at */
  events: 'report_events',
  /** event_id, organiser_id, created_at */
  members: 'report_event_members',
} as const;
