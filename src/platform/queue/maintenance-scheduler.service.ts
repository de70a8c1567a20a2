import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { JobQueueService } from './job-queue.service';
import { JobHandler, QueueWorkersService } from './queue-workers.service';
import { JobName, QueueName } from './queue-names';

type MaintenanceJob =
  | JobName.ReconcileOutbox
  | JobName.PruneTokens
  | JobName.AnonymiseRegistrations
  | JobName.SweepReminders
  | JobName.SweepReports
  | JobName.SweepRemovedPresentations
  | JobName.SweepChangeNotices
  | JobName.SweepAnnouncements;

/**
 * Periodic tasks on the `maintenance` queue. Modules register a task; the
 * scheduler keys are fixed names, so every process upserting them at boot
 * still yields one schedule per task.
 */
@Injectable()
export class MaintenanceSchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceSchedulerService.name);
  private readonly tasks = new Map<MaintenanceJob, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: JobQueueService,
    private readonly workers: QueueWorkersService,
  ) {}

  /** `everyMs` defaults to the configured sweep interval. */
  register<N extends MaintenanceJob>(name: N, handler: JobHandler<N>, everyMs?: number): void {
    this.workers.handle(name, handler);
    this.tasks.set(name, everyMs ?? this.config.queue.sweepIntervalMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.workers.runsWorkers) return;
    const queue = this.queues.queue(QueueName.Maintenance);
    for (const [name, every] of this.tasks) {
      await queue.upsertJobScheduler(name, { every }, { name, data: {} });
    }
    this.logger.log(`maintenance tasks scheduled: ${[...this.tasks.keys()].join(', ')}`);
  }
}
