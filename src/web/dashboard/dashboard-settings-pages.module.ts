import { MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { AgendaModule } from '../../agenda/agenda.module';
import { AuditModule } from '../../audit/audit.module';
import { EventsModule } from '../../events/events.module';
import { LettersModule } from '../../letters/letters.module';
import { RegistrationModule } from '../../registration/registration.module';
import { RemindersModule } from '../../reminders/reminders.module';
import { ReportsModule } from '../../reports/reports.module';
import { applyPageMiddleware } from '../page-middleware';
import { MultipartCsrfMiddleware } from '../presenter/multipart-csrf.middleware';
import { WebCoreModule } from '../web-core.module';
import { AuditPageController } from './audit-page.controller';
import { EventLifecyclePagesController } from './event-lifecycle-pages.controller';
import { EventSettingsPageController } from './event-settings-page.controller';
import { LettersPageController } from './letters-page.controller';
import { MembersPageController } from './members-page.controller';
import { OutcomesPageController } from './outcomes-page.controller';
import { SurveysPageController } from './surveys-page.controller';
import { SurveysModule } from '../../surveys/surveys.module';

const CONTROLLERS: Type[] = [
  EventSettingsPageController,
  EventLifecyclePagesController,
  MembersPageController,
  OutcomesPageController,
  AuditPageController,
  SurveysPageController,
  LettersPageController,
];

/** Organiser dashboard: an event's settings, its cancellation and postponement, its members, its outcomes and highlights, its audit log, its feedback surveys, its visa letters. */
@Module({
  imports: [
    WebCoreModule,
    EventsModule,
    AgendaModule,
    RemindersModule,
    ReportsModule,
    AuditModule,
    RegistrationModule,
    SurveysModule,
    LettersModule,
  ],
  controllers: CONTROLLERS,
})
export class DashboardSettingsPagesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    applyPageMiddleware(consumer, CONTROLLERS);
    consumer.apply(MultipartCsrfMiddleware).forRoutes(LettersPageController);
  }
}
