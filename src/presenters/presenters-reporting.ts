/**
 * What reports may read of presenters' materials: this module's reporting views
 * (migration 1796260000000-ReportingViews). Postgres refuses to drop or
 * retype a column a view shows, so a change to these tables must say what
 * the report reads instead.
 */
export const PRESENTERS_REPORTING = {
  /** event_id, presentation_id, uploaded_at */
  materials: 'report_presentation_materials',
} as const;
