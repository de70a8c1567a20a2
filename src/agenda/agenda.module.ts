import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { EventsModule } from '../events/events.module';
import { PeopleModule } from '../people/people.module';
import { AgendaExportsService } from './agenda-exports.service';
import { AgendaVersion } from './agenda-version.entity';
import { AgendaVersionsController } from './agenda-versions.controller';
import { AgendaVersionsRepository } from './agenda-versions.repository';
import { AgendaVersionsService } from './agenda-versions.service';
import { PresentationPresenter } from './presentation-presenter.entity';
import { Presentation } from './presentation.entity';
import { PresentationsController } from './presentations.controller';
import { PresentationsRepository } from './presentations.repository';
import { PresentationsService } from './presentations.service';
import { PublicAgendaController } from './public-agenda.controller';
import { Room } from './room.entity';
import { RoomsController } from './rooms.controller';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';
import { SessionChair } from './session-chair.entity';
import { Session } from './session.entity';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { Theme } from './theme.entity';
import { WorkingAgendaService } from './working-agenda.service';
import { WorkingAgendaRepository } from './working-agenda.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([Room, Theme, Session, SessionChair, Presentation, PresentationPresenter, AgendaVersion]),
    EventsModule,
    AuditModule,
    PeopleModule,
  ],
  controllers: [RoomsController, SessionsController, PresentationsController, AgendaVersionsController, PublicAgendaController],
  providers: [
    RoomsRepository,
    SessionsRepository,
    PresentationsRepository,
    AgendaVersionsRepository,
    RoomsService,
    SessionsService,
    PresentationsService,
    AgendaVersionsService,
    WorkingAgendaService,
    WorkingAgendaRepository,
    AgendaExportsService,
  ],
  exports: [AgendaVersionsService, SessionsService, PresentationsService, WorkingAgendaService, AgendaExportsService, RoomsService],
})
export class AgendaModule {}
