/**
 * What an audit entry says was done. Modules that record a new kind of action
 * add it here (one a line, so parallel additions merge cleanly); the read API
 * filters by these names.
 */
// prettier-ignore
export const AUDIT_ACTIONS = [
  'registration.approved',
  'registration.rejected',
  'registration.cancelled',
  'registration.erased',
  'registration.updated',
  'registrations.exported',
  'report.exported',
  'email.sent',
  'letter.approved',
  'letter.rejected',
  'letter.issued',
  'letter.revoked',
  'passport-data.viewed',
  'passport-data.exported',
  'certificates.sent',
  'survey.created',
  'survey.sent',
  'survey.closed',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an entry acted on; open like the actions. */
// prettier-ignore
export const AUDIT_SUBJECT_TYPES = [
  'registration',
  'registrations',
  'report',
  'announcement',
  'letter',
  'certificate',
  'survey',
] as const;

export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];
