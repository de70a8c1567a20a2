import { MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { AgendaModule } from '../../agenda/agenda.module';
import { EventsModule } from '../../events/events.module';
import { PeopleModule } from '../../people/people.module';
import { PresentersModule } from '../../presenters/presenters.module';
import { RegistrationModule } from '../../registration/registration.module';
import { RemindersModule } from '../../reminders/reminders.module';
import { ReportsModule } from '../../reports/reports.module';
import { applyPageMiddleware } from '../page-middleware';
import { WebCoreModule } from '../web-core.module';

const CONTROLLERS: Type[] = [];

/** The presenter portal reached from the invitation link. */
@Module({
  imports: [WebCoreModule, EventsModule, PeopleModule, AgendaModule, PresentersModule, RegistrationModule, RemindersModule, ReportsModule],
  controllers: CONTROLLERS,
})
export class PresenterPagesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    applyPageMiddleware(consumer, CONTROLLERS);
  }
}
