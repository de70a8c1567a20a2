import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { AuditController } from './audit.controller';
import { AuditEntry } from './audit-entry.entity';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { EventChangesAudit } from './event-changes-audit';

/**
 * Who did what on an event. Upstream of every module that records organiser
 * actions (people onwards); it knows only events and auth, and records the
 * events module's own changes through the hook events offers (EventChangesAudit).
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry]), EventsModule],
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, EventChangesAudit],
  exports: [AuditService],
})
export class AuditModule {}
