import { DataSource } from 'typeorm';
import { AuditEntry } from './audit/audit-entry.entity';
import { AgendaVersion } from './agenda/agenda-version.entity';
import { PresentationPresenter } from './agenda/presentation-presenter.entity';
import { Presentation } from './agenda/presentation.entity';
import { Room } from './agenda/room.entity';
import { SessionChair } from './agenda/session-chair.entity';
import { Session } from './agenda/session.entity';
import { Theme } from './agenda/theme.entity';
import { LoginSession } from './auth/login-session.entity';
import { MagicLinkResend } from './auth/magic-link-resend.entity';
import { MagicLinkToken } from './auth/magic-link-token.entity';
import { Organiser } from './auth/organiser.entity';
import { EventMember } from './events/event-member.entity';
import { Event } from './events/event.entity';
import { dataSourceOptions } from './platform/database/data-source-options';
import { MIGRATIONS } from './platform/database/migrations';
import { Email } from './platform/mail/email.entity';
import { EmailText } from './platform/mail/email-text.entity';
import { MailSuppression } from './platform/mail/mail-suppression.entity';
import { Person } from './people/person.entity';
import { CheckIn } from './registration/check-in.entity';
import { Question } from './registration/question.entity';
import { SessionSignup } from './registration/session-signup.entity';
import { Registration } from './registration/registration.entity';
import { Announcement } from './reminders/announcement.entity';
import { MailOptOut } from './reminders/mail-opt-out.entity';
import { NotifiedChange } from './reminders/notified-change.entity';
import { ReminderRule } from './reminders/reminder-rule.entity';
import { ScheduledReminder } from './reminders/scheduled-reminder.entity';
import { PresentationMaterial } from './presenters/presentation-material.entity';
import { PresenterInvitation } from './presenters/presenter-invitation.entity';
import { EventHighlight } from './reports/event-highlight.entity';
import { EventOutcome } from './reports/event-outcome.entity';
import { Report } from './reports/report.entity';
import { SurveyInvitation } from './surveys/survey-invitation.entity';
import { SurveyQuestion } from './surveys/survey-question.entity';
import { SurveyAnswer, SurveyResponse } from './surveys/survey-response.entity';
import { Survey } from './surveys/survey.entity';

/**
 * Every entity, listed rather than globbed so the app, the migration CLI and
 * Jest (which cannot import by glob) see the same schema.
 */
export const ENTITIES = [
  Organiser,
  LoginSession,
  MagicLinkToken,
  MagicLinkResend,
  Event,
  EventMember,
  Email,
  EmailText,
  MailSuppression,
  Person,
  Room,
  Theme,
  Session,
  SessionChair,
  Presentation,
  PresentationPresenter,
  AgendaVersion,
  Registration,
  CheckIn,
  Question,
  SessionSignup,
  ReminderRule,
  ScheduledReminder,
  Announcement,
  MailOptOut,
  NotifiedChange,
  PresenterInvitation,
  PresentationMaterial,
  Report,
  EventOutcome,
  EventHighlight,
  AuditEntry,
  Survey,
  SurveyQuestion,
  SurveyInvitation,
  SurveyResponse,
  SurveyAnswer,
];

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url, ENTITIES, MIGRATIONS));
}
