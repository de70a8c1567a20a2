import { MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import express from 'express';
import { AgendaModule } from '../agenda/agenda.module';
import { AuthModule } from '../auth/auth.module';
import { EventsModule } from '../events/events.module';
import { PeopleModule } from '../people/people.module';
import { PresentersModule } from '../presenters/presenters.module';
import { RegistrationModule } from '../registration/registration.module';
import { RemindersModule } from '../reminders/reminders.module';
import { ReportsModule } from '../reports/reports.module';
import { CsrfGuard } from './csrf.guard';
import { LanguageMiddleware } from './language.middleware';
import { LoginController } from './login.controller';
import { PageAccessGuard } from './page-access.guard';
import { PublicEventController } from './public-event.controller';
import { WebErrorFilter } from './web-error.filter';
import { WebRenderer } from './web-renderer.service';

/** Every controller that serves pages; they get form parsing and language negotiation. */
const PAGE_CONTROLLERS: Type[] = [LoginController, PublicEventController];

/**
 * Server-rendered pages for attendees, presenters and organisers. Pages hold
 * no rules of their own: every action calls the same service the JSON API does.
 */
@Module({
  imports: [AuthModule, EventsModule, PeopleModule, AgendaModule, PresentersModule, RegistrationModule, RemindersModule, ReportsModule],
  controllers: PAGE_CONTROLLERS,
  providers: [WebRenderer, CsrfGuard, PageAccessGuard, WebErrorFilter],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 500 }), LanguageMiddleware)
      .forRoutes(...PAGE_CONTROLLERS);
  }
}
