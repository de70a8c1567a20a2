/**
 * What reports may read of the outbox: this module's reporting views
 * (migration 1796260000000-ReportingViews). Postgres refuses to drop or
 * retype a column a view shows, so a change to these tables must say what
 * the report reads instead.
 */
export const MAIL_REPORTING = {
  /** event_id, kind, status */
  emails: 'report_emails',
} as const;
