import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaModule } from '../agenda/agenda.module';
import { AuditModule } from '../audit/audit.module';
import { EventsModule } from '../events/events.module';
import { PeopleModule } from '../people/people.module';
import { AnonymiseRegistrationsProcessor } from './anonymise-registrations.processor';
import { CheckIn } from './check-in.entity';
import { PersonalDataSections } from './personal-data-sections';
import { PublicRegistrationsRepository } from './public-registrations.repository';
import { Question } from './question.entity';
import { QuestionsController } from './questions.controller';
import { QuestionsRepository } from './questions.repository';
import { QuestionsService } from './questions.service';
import { CheckInsController } from './check-ins.controller';
import { CheckInsRepository } from './check-ins.repository';
import { CheckInsService } from './check-ins.service';
import { RegistrationCalendarService } from './registration-calendar.service';
import { RegistrationDataRepository } from './registration-data.repository';
import { RegistrationDataService } from './registration-data.service';
import { RegistrationDetailsService } from './registration-details.service';
import { RegistrationFormsRepository } from './registration-forms.repository';
import { RegistrationMailService } from './registration-mail.service';
import { RegistrationQueriesRepository } from './registration-queries.repository';
import { RegistrationQueriesService } from './registration-queries.service';
import { RegistrationStatsRepository } from './registration-stats.repository';
import { RegistrationStatsService } from './registration-stats.service';
import { Registration } from './registration.entity';
import { RegistrationsController } from './registrations.controller';
import { RegistrationErasureRepository } from './registration-erasure.repository';
import { RegistrationErasureService } from './registration-erasure.service';
import { RegistrationsBulkService } from './registrations-bulk.service';
import { RegistrationsImportService } from './registrations-import.service';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';
import { SelfServiceController } from './self-service.controller';
import { SessionSignup } from './session-signup.entity';
import { SessionSignupsController } from './session-signups.controller';
import { SessionSignupsRepository } from './session-signups.repository';
import { SessionSignupsService } from './session-signups.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Registration, CheckIn, Question, SessionSignup]),
    EventsModule,
    PeopleModule,
    AgendaModule,
    AuditModule,
  ],
  controllers: [RegistrationsController, SelfServiceController, CheckInsController, QuestionsController, SessionSignupsController],
  providers: [
    RegistrationsService,
    RegistrationQueriesService,
    RegistrationDetailsService,
    RegistrationMailService,
    RegistrationCalendarService,
    CheckInsService,
    QuestionsService,
    SessionSignupsService,
    RegistrationsImportService,
    RegistrationErasureService,
    RegistrationErasureRepository,
    AnonymiseRegistrationsProcessor,
    RegistrationDataService,
    PersonalDataSections,
    RegistrationsBulkService,
    RegistrationStatsService,
    QuestionsRepository,
    CheckInsRepository,
    RegistrationsRepository,
    SessionSignupsRepository,
    RegistrationStatsRepository,
    RegistrationDataRepository,
    RegistrationQueriesRepository,
    RegistrationFormsRepository,
    PublicRegistrationsRepository,
  ],
  exports: [
    RegistrationsService,
    RegistrationQueriesService,
    CheckInsService,
    RegistrationDetailsService,
    RegistrationCalendarService,
    QuestionsService,
    SessionSignupsService,
    RegistrationDataService,
    RegistrationsImportService,
    RegistrationsBulkService,
    RegistrationStatsService,
    RegistrationErasureService,
    PersonalDataSections,
  ],
})
export class RegistrationModule {}
