import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { AuditController } from './audit.controller';
import { AuditEntry } from './audit-entry.entity';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/**
 * Who did what on an event. Upstream of every module that records organiser
 * actions (people onwards); it knows only events and auth.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry]), EventsModule],
  controllers: [AuditController],
  providers: [AuditRepository, AuditService],
  exports: [AuditService],
})
export class AuditModule {}
