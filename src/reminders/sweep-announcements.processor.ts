import { Injectable, OnModuleInit } from '@nestjs/common';
import { MaintenanceSchedulerService } from '../platform/maintenance/maintenance-scheduler.service';
import { MaintenanceTask } from '../platform/maintenance/maintenance-tasks';
import { AnnouncementsService } from './announcements.service';

/** The `sweep-announcements` maintenance task: re-adds the job of every announcement still sending. */
@Injectable()
export class SweepAnnouncementsProcessor implements OnModuleInit {
  constructor(
    private readonly maintenance: MaintenanceSchedulerService,
    private readonly announcements: AnnouncementsService,
  ) {}

  onModuleInit(): void {
    this.maintenance.register(MaintenanceTask.SweepAnnouncements, () => this.announcements.sweep());
  }
}
