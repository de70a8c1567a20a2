/**
 * What reports may read of organisers' accounts: this module's reporting views
 * (migration 1796260000000-ReportingViews). Postgres refuses to drop or
 * retype a column a view shows, so a change to these tables must say what
 * the report reads instead.
 */
export const AUTH_REPORTING = {
  /** id, email, name */
  organisers: 'report_organisers',
} as const;
