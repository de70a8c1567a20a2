import { Injectable, OnModuleInit } from '@nestjs/common';
import { MaintenanceSchedulerService } from '../platform/maintenance/maintenance-scheduler.service';
import { MaintenanceTask } from '../platform/maintenance/maintenance-tasks';
import { ChangeNoticesSweepService } from './change-notices-sweep.service';

/** The `sweep-change-notices` maintenance task: re-adds the notice jobs of changes not yet notified. */
@Injectable()
export class SweepChangeNoticesProcessor implements OnModuleInit {
  constructor(
    private readonly maintenance: MaintenanceSchedulerService,
    private readonly changeNotices: ChangeNoticesSweepService,
  ) {}

  onModuleInit(): void {
    this.maintenance.register(MaintenanceTask.SweepChangeNotices, () => this.changeNotices.sweep());
  }
}
