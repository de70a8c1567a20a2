import { Injectable, OnModuleInit } from '@nestjs/common';
import { MaintenanceSchedulerService } from '../platform/maintenance/maintenance-scheduler.service';
import { MaintenanceTask } from '../platform/maintenance/maintenance-tasks';
import { RemovedPresentationsService } from './removed-presentations.service';

/** The `sweep-removed-presentations` maintenance task: closes former presenters' links and removes orphaned material files. */
@Injectable()
export class SweepRemovedPresentationsProcessor implements OnModuleInit {
  constructor(
    private readonly maintenance: MaintenanceSchedulerService,
    private readonly removed: RemovedPresentationsService,
  ) {}

  onModuleInit(): void {
    this.maintenance.register(MaintenanceTask.SweepRemovedPresentations, () => this.removed.sweep());
  }
}
