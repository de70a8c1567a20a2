import { Injectable, OnModuleInit } from '@nestjs/common';
import { MaintenanceSchedulerService } from '../platform/maintenance/maintenance-scheduler.service';
import { MaintenanceTask } from '../platform/maintenance/maintenance-tasks';
import { CertificateRunsService } from './certificate-runs.service';

/** The `sweep-certificate-runs` maintenance task: re-adds the job of a run that lost it. */
@Injectable()
export class SweepCertificateRunsProcessor implements OnModuleInit {
  constructor(
    private readonly maintenance: MaintenanceSchedulerService,
    private readonly runs: CertificateRunsService,
  ) {}

  onModuleInit(): void {
    this.maintenance.register(MaintenanceTask.SweepCertificateRuns, () => this.runs.sweep());
  }
}
