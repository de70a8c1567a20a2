import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MaintenanceSchedulerService } from '../platform/maintenance/maintenance-scheduler.service';
import { MaintenanceTask } from '../platform/maintenance/maintenance-tasks';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { RegistrationErasureService } from './registration-erasure.service';

/**
 * The `anonymise-registrations` maintenance task: erases attendees of events ended longer ago than PLENARY_ANONYMISE_AFTER_DAYS.
 * Registered also when that is 0 (off), so every task has its handler; it then does nothing.
 */
@Injectable()
export class AnonymiseRegistrationsProcessor implements OnModuleInit {
  constructor(
    private readonly maintenance: MaintenanceSchedulerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly erasure: RegistrationErasureService,
  ) {}

  onModuleInit(): void {
    this.maintenance.register(MaintenanceTask.AnonymiseRegistrations, async () =>
      this.config.privacy.anonymiseAfterDays > 0 ? this.erasure.eraseEndedEvents() : { skipped: 'anonymisation is off' },
    );
  }
}
