import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from '../../audit/audit-actions';
import { PRESENTATION_SECTIONS, PRESENTATION_STATUSES } from '../../agenda/presentation.entity';
import { SESSION_KINDS } from '../../agenda/session.entity';
import { ORGANISATION_TYPES } from '../../people/person.entity';
import { MATERIAL_KINDS } from '../../presenters/material-types';
import { MATERIALS_FILTERS } from '../../presenters/dto/materials-overview-query.dto';
import { QUESTION_TYPES } from '../../registration/question.entity';
import { REGISTRATION_STATUSES } from '../../registration/registration.entity';
import { REMINDER_ANCHORS, REMINDER_AUDIENCES } from '../../reminders/reminder-rule.entity';
import { REPORT_STEPS } from '../../reports/report-queries';
import { REPORT_STATUSES } from '../../reports/report.entity';
import { EMAIL_STATUS_NAMES } from '../../reports/report-data';

/**
 * Every enum a dashboard page can show, by the name `{{label "<name>" value}}` takes, with all its values.
 * Lists that the entities export are used as they are, so a value added there needs its label
 * (dashboard-labels.messages.ts; a unit test checks), and the dashboard crawl test knows which raw values
 * must never appear on a page. The types without an exported list are spelled out here.
 */
export const DASHBOARD_ENUMS: Record<string, readonly string[]> = {
  organisationType: ORGANISATION_TYPES,
  registrationStatus: REGISTRATION_STATUSES,
  registrationSource: ['public', 'organiser', 'import'],
  signupStatus: ['confirmed', 'waitlisted', 'cancelled'],
  emailStatus: EMAIL_STATUS_NAMES,
  emailKind: [
    ...['confirmed', 'waitlisted', 'promoted', 'pending', 'rejected', 'cancelled', 'link'].map((kind) => `registration-${kind}`),
    'reminder',
    'announcement',
    'change-notice',
    'presenter-invitation',
    'presenter-link',
    'organiser-invitation',
    'password-reset',
    'report-ready',
  ],
  reminderAnchor: REMINDER_ANCHORS,
  reminderAudience: REMINDER_AUDIENCES,
  reminderState: ['pending', 'fanned_out', 'missed', 'cancelled'],
  announcementStatus: ['draft', 'sending', 'sent'],
  offsetUnit: ['minutes', 'hours', 'days'],
  offsetDirection: ['before', 'after'],
  sessionKind: SESSION_KINDS,
  sessionStatus: ['scheduled', 'cancelled'],
  eventStatus: ['draft', 'published', 'cancelled'],
  memberRole: ['owner', 'organiser'],
  memberStatus: ['active', 'invited'],
  presenterRole: ['lead', 'co'],
  chairRole: ['chair', 'moderator'],
  questionType: QUESTION_TYPES,
  presentationStatus: PRESENTATION_STATUSES,
  presentationSection: PRESENTATION_SECTIONS,
  invitationStatus: ['not_invited', 'invited', 'confirmed', 'declined'],
  materialsFilter: MATERIALS_FILTERS,
  materialUploader: ['presenter', 'organiser'],
  materialKind: MATERIAL_KINDS,
  reportStatus: REPORT_STATUSES,
  reportTrigger: ['manual', 'automatic'],
  reportStep: REPORT_STEPS,
  agendaChange: ['added', 'moved', 'cancelled', 'changed'],
  changeNoticeKind: ['agenda', 'rescheduled', 'cancelled'],
  auditAction: AUDIT_ACTIONS,
  auditSubject: AUDIT_SUBJECT_TYPES,
  worldArea: ['latin_america_caribbean', 'europe', 'other', 'unknown'],
  mailEventType: ['bounce', 'complaint'],
};
