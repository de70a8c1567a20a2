import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaModule } from '../agenda/agenda.module';
import { EventsModule } from '../events/events.module';
import { PeopleModule } from '../people/people.module';
import { PresentersModule } from '../presenters/presenters.module';
import { RegistrationModule } from '../registration/registration.module';
import { AnnounceProcessor } from './announce.processor';
import { Announcement } from './announcement.entity';
import { AnnouncementsController } from './announcements.controller';
import { AnnouncementsRepository } from './announcements.repository';
import { AnnouncementsService } from './announcements.service';
import { ChangeNoticesProcessor } from './change-notices.processor';
import { ChangeNoticesSweepService } from './change-notices-sweep.service';
import { ChangeNoticesRepository } from './change-notices.repository';
import { MailOptOut } from './mail-opt-out.entity';
import { NotifiedChange } from './notified-change.entity';
import { EventChangePreviewService } from './event-change-preview.service';
import { FanOutProcessor } from './fan-out.processor';
import { RecipientAgendasService } from './recipient-agendas.service';
import { RecipientLinksService } from './recipient-links.service';
import { ReminderAudienceService } from './reminder-audience.service';
import { ReminderMessagesService } from './reminder-messages.service';
import { ReminderRule } from './reminder-rule.entity';
import { ReminderRulesController } from './reminder-rules.controller';
import { ReminderRulesService } from './reminder-rules.service';
import { ReminderSchedulerService } from './reminder-scheduler.service';
import { RemindersRepository } from './reminders.repository';
import { ScheduledReminder } from './scheduled-reminder.entity';
import { SurveysModule } from '../surveys/surveys.module';
import { SweepAnnouncementsProcessor } from './sweep-announcements.processor';
import { SweepChangeNoticesProcessor } from './sweep-change-notices.processor';
import { SweepRemindersProcessor } from './sweep-reminders.processor';
import { UnsubscribeController } from './unsubscribe.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([ReminderRule, ScheduledReminder, Announcement, MailOptOut, NotifiedChange]),
    EventsModule,
    AuditModule,
    PeopleModule,
    AgendaModule,
    RegistrationModule,
    PresentersModule,
    SurveysModule,
  ],
  controllers: [ReminderRulesController, AnnouncementsController, UnsubscribeController],
  providers: [
    RemindersRepository,
    AnnouncementsRepository,
    ChangeNoticesRepository,
    ReminderRulesService,
    ReminderSchedulerService,
    ReminderAudienceService,
    FanOutProcessor,
    ChangeNoticesProcessor,
    ChangeNoticesSweepService,
    SweepChangeNoticesProcessor,
    SweepRemindersProcessor,
    SweepAnnouncementsProcessor,
    AnnounceProcessor,
    RecipientLinksService,
    RecipientAgendasService,
    ReminderMessagesService,
    AnnouncementsService,
    EventChangePreviewService,
  ],
  exports: [ReminderSchedulerService, ReminderRulesService, AnnouncementsService, EventChangePreviewService],
})
export class RemindersModule {}
