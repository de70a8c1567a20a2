import { hostname } from 'node:os';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { QueueWorkersService } from '../queue/queue-workers.service';
import { PROCESS_ID } from './process-id';
import { WorkerHeartbeatsRepository } from './worker-heartbeats.repository';

/** A worker missing this many heartbeats in a row counts as gone. */
export const MISSED_HEARTBEATS = 3;

/**
 * A process that runs workers says so in `worker_heartbeats` every
 * PLENARY_WORKER_HEARTBEAT_SECONDS, and removes its row when it stops; the
 * fleet endpoint, the dashboard and `plenary-cli worker-health` read them.
 */
@Injectable()
export class WorkerHeartbeatService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeatService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly heartbeats: WorkerHeartbeatsRepository,
    private readonly workers: QueueWorkersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.workers.runsWorkers) return;
    await this.beat();
    this.timer = setInterval(() => {
      this.beat().catch((error: unknown) => this.logger.warn({ err: error }, 'could not record this worker’s heartbeat'));
    }, this.config.queue.heartbeatMs);
  }

  private async beat(): Promise<void> {
    await this.heartbeats.beat(PROCESS_ID, hostname(), process.pid, MISSED_HEARTBEATS * this.config.queue.heartbeatMs);
    await this.heartbeats.forgetSilent();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    await this.heartbeats
      .remove(PROCESS_ID)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not remove this worker’s heartbeat'));
  }
}
