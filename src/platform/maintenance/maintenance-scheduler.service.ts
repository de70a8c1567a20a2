import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { assertEveryJobHandled } from '../queue/job-handlers-check';
import { QueueWorkersService } from '../queue/queue-workers.service';
import { MaintenanceRunsRepository } from './maintenance-runs.repository';
import { MaintenanceTask } from './maintenance-tasks';
import { PROCESS_ID } from './process-id';

export type MaintenanceHandler = () => Promise<unknown>;

/** The longest a process waits between looking for due tasks. */
const MAX_TICK_MS = 5_000;

/**
 * Periodic tasks, scheduled in Postgres (`maintenance_runs`) rather than in
 * the queue, so Redis restarting empty loses no schedule. Every process that
 * runs workers looks on its own clock for due tasks and runs one only after
 * claiming its row: the claim moves `next_due_at` on by the task's interval
 * and takes a lease, in one conditional update, so of many processes one runs
 * each due task. The lease (the queue's lock duration) is renewed while the
 * task runs; a process that dies mid-run lets another take the task once it
 * lapses.
 */
@Injectable()
export class MaintenanceSchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MaintenanceSchedulerService.name);
  private readonly tasks = new Map<MaintenanceTask, { handler: MaintenanceHandler; everyMs: number }>();
  private readonly running = new Map<MaintenanceTask, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: MaintenanceRunsRepository,
    private readonly workers: QueueWorkersService,
  ) {}

  /** `everyMs` defaults to the configured sweep interval. */
  register(name: MaintenanceTask, handler: MaintenanceHandler, everyMs?: number): void {
    if (this.tasks.has(name)) throw new Error(`maintenance task "${name}" is already registered`);
    this.tasks.set(name, { handler, everyMs: everyMs ?? this.config.queue.sweepIntervalMs });
  }

  async onApplicationBootstrap(): Promise<void> {
    assertEveryJobHandled('maintenance task', Object.values(MaintenanceTask), this.tasks.keys());
    if (!this.workers.runsWorkers || this.tasks.size === 0) return;
    const names = [...this.tasks.keys()];
    await this.runs.schedule(names.map((task) => ({ task, everyMs: this.tasks.get(task)!.everyMs })));
    const tickMs = Math.min(MAX_TICK_MS, ...[...this.tasks.values()].map((task) => task.everyMs));
    this.timer = setInterval(() => void this.tick(), tickMs);
    void this.tick();
    this.logger.log(`maintenance tasks scheduled: ${names.join(', ')}`);
  }

  /** Claims every due task no other process holds, in one statement, and starts them. */
  private tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = (async () => {
      try {
        const free = [...this.tasks.keys()].filter((name) => !this.running.has(name));
        if (free.length === 0) return;
        const claimed = await this.runs.claimDue(free, this.leaseMs, PROCESS_ID);
        for (const task of claimed) {
          this.running.set(
            task,
            this.run(task).finally(() => this.running.delete(task)),
          );
        }
      } catch (error) {
        this.logger.error({ err: error }, 'could not look for due maintenance tasks');
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  private async run(task: MaintenanceTask): Promise<void> {
    const renew = setInterval(() => {
      this.runs
        .renewLease(task, PROCESS_ID, this.leaseMs)
        .catch((error: unknown) => this.logger.warn({ err: error, task }, `could not renew the lease of maintenance task ${task}`));
    }, this.leaseMs / 2);
    let failure: string | null = null;
    try {
      await this.tasks.get(task)!.handler();
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      this.logger.warn({ err: error, task }, `maintenance task ${task} failed; it runs again at its next interval`);
    } finally {
      clearInterval(renew);
    }
    await this.runs
      .finish(task, PROCESS_ID, failure)
      .catch((error: unknown) => this.logger.warn({ err: error, task }, `could not record the run of maintenance task ${task}`));
  }

  private get leaseMs(): number {
    return this.config.queue.lockDurationMs;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Runs finish before the database closes; their leases are released as they end.
    await this.ticking;
    await Promise.all(this.running.values());
  }
}
