import type { MigrationInterface } from 'typeorm';
import { Initial1795707667337 } from './1795707667337-Initial';
import { Agenda1795708465251 } from './1795708465251-Agenda';
import { Registration1795709195988 } from './1795709195988-Registration';
import { RegistrationQuestionsAndSignups1795709541923 } from './1795709541923-RegistrationQuestionsAndSignups';
import { Presenters1795709652714 } from './1795709652714-Presenters';
import { PersonErasure1795709684961 } from './1795709684961-PersonErasure';
import { Reminders1795710266114 } from './1795710266114-Reminders';
import { MailBounces1795711061670 } from './1795711061670-MailBounces';
import { Announcements1795711324112 } from './1795711324112-Announcements';
import { Reports1795712010432 } from './1795712010432-Reports';
import { SeatCounter1795712059614 } from './1795712059614-SeatCounter';
import { NotifiedChanges1795737694727 } from './1795737694727-NotifiedChanges';
import { MaintenanceRuns1795738800000 } from './1795738800000-MaintenanceRuns';
import { EmailClaimToken1795738900000 } from './1795738900000-EmailClaimToken';
import { WorkerHeartbeats1795739000000 } from './1795739000000-WorkerHeartbeats';
import { OutcomeValueType1795740000000 } from './1795740000000-OutcomeValueType';
import { LinksLastUntilAfterTheEvent1795740000001 } from './1795740000001-LinksLastUntilAfterTheEvent';
import { SessionVersions1795800000000 } from './1795800000000-SessionVersions';
import { RateLimitWindows1796170500000 } from './1796170500000-RateLimitWindows';
import { EmailTexts1796240000000 } from './1796240000000-EmailTexts';
import { PresenterBiography1796250000000 } from './1796250000000-PresenterBiography';
import { ReportingViews1796260000000 } from './1796260000000-ReportingViews';
import { Surveys1796270000000 } from './1796270000000-Surveys';
import { AuditEntries1796280000000 } from './1796280000000-AuditEntries';
import { VisaLetters1796290000000 } from './1796290000000-VisaLetters';

/** Every migration in order; `npm run migration:generate` prints the class to add here. */
export const MIGRATIONS: Array<new () => MigrationInterface> = [Initial1795707667337, Agenda1795708465251, Registration1795709195988, RegistrationQuestionsAndSignups1795709541923, Presenters1795709652714, PersonErasure1795709684961, Reminders1795710266114, MailBounces1795711061670, Announcements1795711324112, Reports1795712010432, SeatCounter1795712059614, NotifiedChanges1795737694727, MaintenanceRuns1795738800000, EmailClaimToken1795738900000, WorkerHeartbeats1795739000000, OutcomeValueType1795740000000, LinksLastUntilAfterTheEvent1795740000001, SessionVersions1795800000000, RateLimitWindows1796170500000, EmailTexts1796240000000, PresenterBiography1796250000000, ReportingViews1796260000000, Surveys1796270000000, AuditEntries1796280000000, VisaLetters1796290000000];
