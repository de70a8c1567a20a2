import { MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { AgendaModule } from '../../agenda/agenda.module';
import { CertificatesModule } from '../../certificates/certificates.module';
import { EventsModule } from '../../events/events.module';
import { RegistrationModule } from '../../registration/registration.module';
import { applyPageMiddleware } from '../page-middleware';
import { WebCoreModule } from '../web-core.module';
import { LettersModule } from '../../letters/letters.module';
import { MyLetterPageController } from './my-letter-page.controller';
import { MyRegistrationController } from './my-registration.controller';
import { NewLinkPageController } from './new-link-page.controller';
import { RegistrationPageController } from './registration-page.controller';
import { SurveyPageController } from './survey-page.controller';
import { SurveysModule } from '../../surveys/surveys.module';

const CONTROLLERS: Type[] = [
  RegistrationPageController,
  NewLinkPageController,
  MyLetterPageController,
  MyRegistrationController,
  SurveyPageController,
];

/** Registration form, the attendee's own registration pages and the feedback survey they answer. */
@Module({
  imports: [WebCoreModule, EventsModule, AgendaModule, RegistrationModule, SurveysModule, CertificatesModule, LettersModule],
  controllers: CONTROLLERS,
})
export class AttendeePagesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    applyPageMiddleware(consumer, CONTROLLERS);
  }
}
