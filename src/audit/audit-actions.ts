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
  'check-in.recorded',
  'check-in.undone',
  'registrations.imported',
  'presenter-invitation.sent',
  'presenter-invitation.resent',
  'presenter-invitation.revoked',
  'event.updated',
  'event.postponed',
  'event.published',
  'event.cancelled',
  'event-member.added',
  'event-member.role-changed',
  'event-member.removed',
  'agenda.published',
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
  'event',
  'event-member',
  'presenter',
  'agenda-version',
] as const;

export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];
