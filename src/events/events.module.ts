import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventAccessGuard } from './event-access.guard';
import { EventChanges } from './event-changes';
import { EventEmailsController } from './event-emails.controller';
import { EventMembersRepository } from './event-members.repository';
import { Event } from './event.entity';
import { EventMember } from './event-member.entity';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({
  imports: [TypeOrmModule.forFeature([Event, EventMember])],
  controllers: [EventsController, MembersController, EventEmailsController],
  providers: [EventsRepository, EventMembersRepository, EventsService, MembersService, EventAccessGuard, EventChanges],
  exports: [EventsService, MembersService, EventAccessGuard, EventChanges],
})
export class EventsModule {}
