import { MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { CertificatesModule } from '../../certificates/certificates.module';
import { EventsModule } from '../../events/events.module';
import { RegistrationModule } from '../../registration/registration.module';
import { RemindersModule } from '../../reminders/reminders.module';
import { ReportsModule } from '../../reports/reports.module';
import { applyPageMiddleware } from '../page-middleware';
import { WebCoreModule } from '../web-core.module';
import { AnnouncementPageController } from './announcement-page.controller';
import { CertificatesPageController } from './certificates-page.controller';
import { EmailTextsPageController } from './email-texts-page.controller';
import { MultipartCsrfMiddleware } from '../presenter/multipart-csrf.middleware';
import { EmailsPageController } from './emails-page.controller';
import { RegistrationQuestionsPageController } from './registration-questions-page.controller';
import { RegistrationsImportPageController } from './registrations-import-page.controller';
import { RegistrationsPageController } from './registrations-page.controller';
import { ReminderRulesPageController } from './reminder-rules-page.controller';
import { ReportsPageController } from './reports-page.controller';

const CONTROLLERS: Type[] = [
  RegistrationsImportPageController,
  RegistrationsPageController,
  RegistrationQuestionsPageController,
  EmailsPageController,
  EmailTextsPageController,
  AnnouncementPageController,
  ReminderRulesPageController,
  ReportsPageController,
  CertificatesPageController,
];

/** Organiser dashboard: registrations (questions, import, bulk actions), emails, reminder rules, reports, certificates. */
@Module({
  imports: [WebCoreModule, EventsModule, RegistrationModule, RemindersModule, ReportsModule, CertificatesModule],
  controllers: CONTROLLERS,
})
export class DashboardOperationsPagesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    applyPageMiddleware(consumer, CONTROLLERS);
    consumer.apply(MultipartCsrfMiddleware).forRoutes(RegistrationsImportPageController);
  }
}
