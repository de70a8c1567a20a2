import { MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { EventsModule } from '../../events/events.module';
import { LettersModule } from '../../letters/letters.module';
import { RemindersModule } from '../../reminders/reminders.module';
import { ReportsModule } from '../../reports/reports.module';
import { applyPageMiddleware } from '../page-middleware';
import { MultipartCsrfMiddleware } from '../presenter/multipart-csrf.middleware';
import { WebCoreModule } from '../web-core.module';
import { EventLifecyclePagesController } from './event-lifecycle-pages.controller';
import { EventSettingsPageController } from './event-settings-page.controller';
import { LettersPageController } from './letters-page.controller';
import { MembersPageController } from './members-page.controller';
import { OutcomesPageController } from './outcomes-page.controller';

const CONTROLLERS: Type[] = [
  EventSettingsPageController,
  EventLifecyclePagesController,
  MembersPageController,
  OutcomesPageController,
  LettersPageController,
];

/** Organiser dashboard: an event's settings, its cancellation and postponement, its members, its outcomes and highlights, its visa letters. */
@Module({
  imports: [WebCoreModule, EventsModule, RemindersModule, ReportsModule, LettersModule],
  controllers: CONTROLLERS,
})
export class DashboardSettingsPagesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    applyPageMiddleware(consumer, CONTROLLERS);
    consumer.apply(MultipartCsrfMiddleware).forRoutes(LettersPageController);
  }
}
