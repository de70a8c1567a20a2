import { Injectable, OnModuleInit } from '@nestjs/common';
import { MaintenanceSchedulerService } from '../platform/maintenance/maintenance-scheduler.service';
import { MaintenanceTask } from '../platform/maintenance/maintenance-tasks';
import { ReportSchedulerService } from './report-scheduler.service';

/** The `sweep-reports` maintenance task: compiles reports of ended events and re-adds lost compile jobs. */
@Injectable()
export class SweepReportsProcessor implements OnModuleInit {
  constructor(
    private readonly maintenance: MaintenanceSchedulerService,
    private readonly reports: ReportSchedulerService,
  ) {}

  onModuleInit(): void {
    this.maintenance.register(MaintenanceTask.SweepReports, () => this.reports.sweep());
  }
}
