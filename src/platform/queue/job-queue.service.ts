import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { CoalescingBatcher } from '../batching/coalescing-batcher';
import { withTimeout } from '../async/with-timeout';
import { QueueConnection, queuePrefix } from './queue-connection';
import { JOB_QUEUE, JobName, JobPayloads, QueueName, assertJobId } from './queue-names';

export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

const DAY_SECONDS = 86_400;

export interface EnqueueOptions {
  /** Every job names its own id, so adding it twice is a no-op. */
  jobId: string;
  delayMs?: number;
  attempts?: number;
  backoffBaseMs?: number;
}

/**
 * Producer side of every queue; available in every role. Every call here is
 * bounded by the add timeout (PLENARY_QUEUE_ADD_TIMEOUT_SECONDS): the rows a
 * job is for are committed before it is added, so a queue that is down must
 * not hold the request that saved them; the maintenance sweep adds the job.
 */
@Injectable()
export class JobQueueService implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly batchers = new Map<JobName, CoalescingBatcher<BulkJob, void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_CONNECTION) private readonly connection: QueueConnection,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connection.producerOptions,
        prefix: queuePrefix(this.config, name),
        defaultJobOptions: {
          removeOnComplete: { age: DAY_SECONDS, count: 1000 },
          // Failed jobs stay for inspection in /admin/queues for a month.
          removeOnFail: { age: 30 * DAY_SECONDS },
        },
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  allQueues(): Queue[] {
    return Object.values(QueueName).map((name) => this.queue(name));
  }

  /** Runs `work` against the queue within the add timeout; past it, rejects with a TimeoutError. */
  bounded<T>(what: string, work: () => Promise<T>): Promise<T> {
    return withTimeout(what, this.config.queue.addTimeoutMs, work());
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions): Promise<void> {
    await this.bounded(`adding ${name} job ${options.jobId}`, () => this.queue(JOB_QUEUE[name]).add(name, payload, jobOptions(options)));
  }

  /** Many jobs of one kind in one round trip. */
  async enqueueMany<N extends JobName>(name: N, jobs: Array<{ payload: JobPayloads[N]; options: EnqueueOptions }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.addBulk(
      name,
      jobs.map(({ payload, options }) => ({ name, data: payload, opts: jobOptions(options) })),
    );
  }

  /**
   * Adds the job together with the others asked for while the previous batch
   * of this kind was on its way: one round trip to the queue for a burst of
   * requests instead of one each, and no wait at all when it is quiet.
   */
  enqueueBatched<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions): Promise<void> {
    let batcher = this.batchers.get(name);
    if (!batcher) {
      batcher = new CoalescingBatcher<BulkJob, void>(async (jobs) => {
        await this.addBulk(name, jobs);
        return jobs.map(() => undefined);
      }, 1000);
      this.batchers.set(name, batcher);
    }
    return batcher.submit({ name, data: payload, opts: jobOptions(options) });
  }

  private async addBulk(name: JobName, jobs: BulkJob[]): Promise<void> {
    await this.bounded(`adding ${jobs.length} ${name} job(s)`, () => this.queue(JOB_QUEUE[name]).addBulk(jobs));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    // Workers closed before this hook; the queues were the shared client's last users.
    await this.connection.close();
  }
}

type BulkJob = { name: string; data: unknown; opts: JobsOptions };

function jobOptions(options: EnqueueOptions): JobsOptions {
  const result: JobsOptions = { jobId: assertJobId(options.jobId) };
  if (options.delayMs && options.delayMs > 0) result.delay = options.delayMs;
  if (options.attempts) {
    result.attempts = options.attempts;
    result.backoff = { type: 'exponential', delay: options.backoffBaseMs ?? 1000, jitter: 0.5 };
  }
  return result;
}
