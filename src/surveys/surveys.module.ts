import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaModule } from '../agenda/agenda.module';
import { EventsModule } from '../events/events.module';
import { RegistrationModule } from '../registration/registration.module';
import { SurveyPersonalDataService } from './survey-personal-data.service';
import { SurveyInvitation } from './survey-invitation.entity';
import { SurveyQuestion } from './survey-question.entity';
import { SurveyAnswer, SurveyResponse } from './survey-response.entity';
import { Survey } from './survey.entity';
import { SurveyInvitationController, SurveysController } from './surveys.controller';
import { SurveysRepository } from './surveys.repository';
import { SurveysService } from './surveys.service';

/**
 * Feedback surveys, downstream of registration (invitations are for
 * checked-in registrations) and agenda (questions about sessions); reminders
 * send their links, reports count their answers.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Survey, SurveyQuestion, SurveyInvitation, SurveyResponse, SurveyAnswer]),
    EventsModule,
    AgendaModule,
    RegistrationModule,
  ],
  controllers: [SurveysController, SurveyInvitationController],
  providers: [SurveysRepository, SurveysService, SurveyPersonalDataService],
  exports: [SurveysService],
})
export class SurveysModule {}
