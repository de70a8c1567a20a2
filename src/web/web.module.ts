import { MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { AgendaModule } from '../agenda/agenda.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { EventsModule } from '../events/events.module';
import { PresentersModule } from '../presenters/presenters.module';
import { RegistrationModule } from '../registration/registration.module';
import { AttendeePagesModule } from './attendee/attendee-pages.module';
import { CertificateVerificationController } from './certificate-verification.controller';
import { DashboardOperationsPagesModule } from './dashboard/dashboard-operations-pages.module';
import { DashboardPagesModule } from './dashboard/dashboard-pages.module';
import { DashboardSettingsPagesModule } from './dashboard/dashboard-settings-pages.module';
import { LettersModule } from '../letters/letters.module';
import { LetterVerificationPageController } from './letter-verification-page.controller';
import { LoginController } from './login.controller';
import { applyPageMiddleware } from './page-middleware';
import { PasswordPagesController } from './password-pages.controller';
import { PresenterPagesModule } from './presenter/presenter-pages.module';
import { ProgrammePageCache } from './programme-page-cache';
import { PublicEventController } from './public-event.controller';
import { WebCoreModule } from './web-core.module';

const CONTROLLERS: Type[] = [
  LoginController,
  PasswordPagesController,
  PublicEventController,
  CertificateVerificationController,
  LetterVerificationPageController,
];

/**
 * Server-rendered pages for attendees, presenters and organisers. Pages hold
 * no rules of their own: every action calls the same service the JSON API does.
 */
@Module({
  imports: [
    WebCoreModule,
    EventsModule,
    AgendaModule,
    PresentersModule,
    RegistrationModule,
    CertificatesModule,
    LettersModule,
    AttendeePagesModule,
    PresenterPagesModule,
    DashboardPagesModule,
    DashboardOperationsPagesModule,
    DashboardSettingsPagesModule,
  ],
  controllers: CONTROLLERS,
  providers: [ProgrammePageCache],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    applyPageMiddleware(consumer, CONTROLLERS);
  }
}
