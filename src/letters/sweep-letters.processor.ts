import { Injectable, OnModuleInit } from '@nestjs/common';
import { MaintenanceSchedulerService } from '../platform/maintenance/maintenance-scheduler.service';
import { MaintenanceTask } from '../platform/maintenance/maintenance-tasks';
import { LettersService } from './letters.service';

/**
 * The `sweep-letters` maintenance task: revokes letters of cancelled registrations whose domain
 * event was missed, and deletes passport data PLENARY_LETTER_DATA_DAYS_AFTER_EVENT days after the event.
 */
@Injectable()
export class SweepLettersProcessor implements OnModuleInit {
  constructor(
    private readonly maintenance: MaintenanceSchedulerService,
    private readonly letters: LettersService,
  ) {}

  onModuleInit(): void {
    this.maintenance.register(MaintenanceTask.SweepLetters, () => this.letters.sweep());
  }
}
