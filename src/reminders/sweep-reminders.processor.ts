import { Injectable, OnModuleInit } from '@nestjs/common';
import { MaintenanceSchedulerService } from '../platform/maintenance/maintenance-scheduler.service';
import { MaintenanceTask } from '../platform/maintenance/maintenance-tasks';
import { ReminderSchedulerService } from './reminder-scheduler.service';

/** The `sweep-reminders` maintenance task: re-derives every event's reminders and re-adds the jobs the queue lost. */
@Injectable()
export class SweepRemindersProcessor implements OnModuleInit {
  constructor(
    private readonly maintenance: MaintenanceSchedulerService,
    private readonly scheduler: ReminderSchedulerService,
  ) {}

  onModuleInit(): void {
    this.maintenance.register(MaintenanceTask.SweepReminders, () => this.scheduler.sweep());
  }
}
