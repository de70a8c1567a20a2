/**
 * What reports may read of the event's people: this module's reporting views
 * (migration 1796260000000-ReportingViews). Postgres refuses to drop or
 * retype a column a view shows, so a change to these tables must say what
 * the report reads instead.
 */
export const PEOPLE_REPORTING = {
  /** id, event_id, name, email_key, organisation, organisation_type, region, country_code */
  people: 'report_people',
} as const;
