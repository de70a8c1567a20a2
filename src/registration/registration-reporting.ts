/**
 * What reports may read of registrations and check-ins: this module's reporting views
 * (migration 1796260000000-ReportingViews). Postgres refuses to drop or
 * retype a column a view shows, so a change to these tables must say what
 * the report reads instead.
 */
export const REGISTRATION_REPORTING = {
  /** id, event_id, person_id, status, source, promoted_at */
  registrations: 'report_registrations',
  /** event_id, registration_id, day */
  checkIns: 'report_check_ins',
} as const;
