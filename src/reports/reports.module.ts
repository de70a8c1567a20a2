import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { EventsModule } from '../events/events.module';
import { CompileReportProcessor } from './compile-report.processor';
import { EventHighlight } from './event-highlight.entity';
import { EventOutcome } from './event-outcome.entity';
import { HighlightsController, OutcomesController } from './outcomes.controller';
import { OutcomesRepository } from './outcomes.repository';
import { OutcomesService } from './outcomes.service';
import { ReportCompilerService } from './report-compiler.service';
import { Report } from './report.entity';
import { ReportReadModelsRepository } from './report-read-models.repository';
import { ReportSchedulerService } from './report-scheduler.service';
import { SweepReportsProcessor } from './sweep-reports.processor';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/**
 * Post-event reports, downstream of every other module. Its aggregates read
 * the reporting views that auth, events, people, agenda, presenters,
 * registration and the outbox each declare (`<module>-reporting.ts`), in its
 * own statements (report-queries.ts; report-queries.spec.ts fails on any
 * other table): counting 100,000 registrations through those modules'
 * services would load every one.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Report, EventOutcome, EventHighlight]), EventsModule, AuditModule],
  controllers: [ReportsController, OutcomesController, HighlightsController],
  providers: [
    ReportsService,
    ReportsRepository,
    OutcomesRepository,
    ReportCompilerService,
    ReportReadModelsRepository,
    CompileReportProcessor,
    ReportSchedulerService,
    SweepReportsProcessor,
    OutcomesService,
  ],
  exports: [ReportsService, ReportCompilerService, OutcomesService],
})
export class ReportsModule {}
