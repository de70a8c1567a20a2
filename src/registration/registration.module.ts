import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { PeopleModule } from '../people/people.module';
import { CheckIn } from './check-in.entity';
import { CheckInsController } from './check-ins.controller';
import { CheckInsService } from './check-ins.service';
import { RegistrationCalendarService } from './registration-calendar.service';
import { RegistrationDetailsService } from './registration-details.service';
import { RegistrationMailService } from './registration-mail.service';
import { RegistrationQueriesService } from './registration-queries.service';
import { Registration } from './registration.entity';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsService } from './registrations.service';
import { SelfServiceController } from './self-service.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Registration, CheckIn]), EventsModule, PeopleModule],
  controllers: [RegistrationsController, SelfServiceController, CheckInsController],
  providers: [
    RegistrationsService,
    RegistrationQueriesService,
    RegistrationDetailsService,
    RegistrationMailService,
    RegistrationCalendarService,
    CheckInsService,
  ],
  exports: [RegistrationsService, RegistrationQueriesService],
})
export class RegistrationModule {}
