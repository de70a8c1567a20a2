import { MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { AgendaModule } from '../../agenda/agenda.module';
import { EventsModule } from '../../events/events.module';
import { PeopleModule } from '../../people/people.module';
import { PresentersModule } from '../../presenters/presenters.module';
import { RegistrationModule } from '../../registration/registration.module';
import { applyPageMiddleware } from '../page-middleware';
import { WebCoreModule } from '../web-core.module';
import { AgendaEditorController } from './agenda-editor.controller';
import { BadgesController } from './badges.controller';
import { CheckInDeskController } from './check-in-desk.controller';
import { DashboardEventsController } from './dashboard-events.controller';
import { EventOverviewPageController } from './event-overview-page.controller';
import { EventPresentationsPageController } from './event-presentations-page.controller';
import { EventSearchPageController } from './event-search-page.controller';
import { PresentationEditorController } from './presentation-editor.controller';
import { PresentationMaterialsZipController } from './presentation-materials-zip.controller';
import { RoomsThemesPageController } from './rooms-themes-page.controller';
import { TimetableController } from './timetable.controller';

const CONTROLLERS: Type[] = [
  DashboardEventsController,
  AgendaEditorController,
  TimetableController,
  EventPresentationsPageController,
  PresentationEditorController,
  PresentationMaterialsZipController,
  RoomsThemesPageController,
  CheckInDeskController,
  BadgesController,
  EventOverviewPageController,
  EventSearchPageController,
];

/** Organiser dashboard: events, counts, agenda editor, rooms and themes, timetable, presentations, check-in desk, badges. */
@Module({
  imports: [WebCoreModule, EventsModule, PeopleModule, AgendaModule, PresentersModule, RegistrationModule],
  controllers: CONTROLLERS,
})
export class DashboardPagesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    applyPageMiddleware(consumer, CONTROLLERS);
  }
}
