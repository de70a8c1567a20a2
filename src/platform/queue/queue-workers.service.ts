import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BackendFactory, IQueueBackend, Job, Worker, WorkerOptions, getDefaultBackendFactory } from 'bullmq';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { QUEUE_CONNECTION } from './job-queue.service';
import { QueueConnection, queuePrefix } from './queue-connection';
import { assertEveryJobHandled } from './job-handlers-check';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './queue-names';

type QueueWorker = Worker<unknown, unknown, string, IQueueBackend>;

/** How long an embedded worker waits before looking for jobs again, whatever the queue holds. */
const EMBEDDED_POLL_SECONDS = 1;

export type JobHandler<N extends JobName> = (job: Job<JobPayloads[N], unknown, N>) => Promise<unknown>;

export interface QueueTuning {
  concurrency?: number;
  /** Jobs per second across all workers of this queue. */
  ratePerSecond?: number;
}

/**
 * Runs one BullMQ Worker per queue that has handlers, in the roles that run
 * processors (`all`, `worker`); an `api` process only adds jobs. Options come
 * from configuration rather than decorators so tests can shorten lock times.
 */
@Injectable()
export class QueueWorkersService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueWorkersService.name);
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();
  private readonly tuning = new Map<QueueName, QueueTuning>();
  private readonly workers: QueueWorker[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_CONNECTION) private readonly connection: QueueConnection,
  ) {}

  get runsWorkers(): boolean {
    return this.config.role !== 'api';
  }

  handle<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  tune(queue: QueueName, tuning: QueueTuning): void {
    this.tuning.set(queue, { ...this.tuning.get(queue), ...tuning });
  }

  onApplicationBootstrap(): void {
    assertEveryJobHandled('job', Object.values(JobName), this.handlers.keys());
    if (!this.runsWorkers) return;
    const queues = new Set([...this.handlers.keys()].map((name) => JOB_QUEUE[name]));
    for (const queue of queues) this.workers.push(this.startWorker(queue));
  }

  private startWorker(queue: QueueName): QueueWorker {
    const tuning = this.tuning.get(queue) ?? {};
    const lockDuration = this.config.queue.lockDurationMs;
    const options: WorkerOptions = {
      connection: this.connection.options,
      prefix: queuePrefix(this.config, queue),
      concurrency: tuning.concurrency ?? 1,
      lockDuration,
      // Looked for twice per lock duration, so a dead worker's job (and the mail it
      // was sending) runs again at most one and a half lock durations after the death.
      stalledInterval: Math.max(1000, Math.round(lockDuration / 2)),
      maxStalledCount: 3,
      // Embedded PGlite shares one session among all connections, so a NOTIFY never
      // reaches the worker's LISTEN connection; poll every second instead.
      ...(this.config.database.embedded ? { drainDelay: EMBEDDED_POLL_SECONDS } : {}),
    };
    if (tuning.ratePerSecond && tuning.ratePerSecond > 0) {
      options.limiter = { max: tuning.ratePerSecond, duration: 1000 };
    }
    const backend = getDefaultBackendFactory();
    const worker = new Worker(
      queue,
      (job: Job) => this.dispatch(queue, job),
      options,
      this.config.database.embedded ? pollingBackend(backend, EMBEDDED_POLL_SECONDS) : backend,
    );
    worker.on('failed', (job, error) =>
      this.logger.warn({ queue, jobId: job?.id, attempt: job?.attemptsMade, err: error }, `job ${queue}/${job?.name} failed`),
    );
    worker.on('error', (error) => this.logger.error({ queue, err: error }, `worker for ${queue} reported an error`));
    return worker;
  }

  private dispatch(queue: QueueName, job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for job "${job.name}" on queue "${queue}"`);
    return handler(job as Job<never, unknown, JobName>);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Workers finish their current jobs and stop before the database closes.
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers.length = 0;
  }
}

/**
 * BullMQ's Postgres backend lets a worker whose queue holds delayed jobs block
 * until the next one is due (up to an hour), trusting a NOTIFY to wake it when
 * a job is added. Through PGlite that NOTIFY never arrives, so a notice added
 * behind a reminder due next week would wait a week. Capping the backend's
 * longest block makes the worker look again every `seconds`.
 */
function pollingBackend(factory: BackendFactory, seconds: number): BackendFactory {
  return (...args) => {
    const backend = factory(...args);
    Object.defineProperty(backend, 'maximumBlockTimeout', { value: seconds });
    return backend;
  };
}
