import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DatabaseHealthService } from '../database/database-health.service';
import { Public } from '../http/route-access';
import { JobQueueService } from '../queue/job-queue.service';
import { QueueName } from '../queue/queue-names';
import { MAIL_TRANSPORT, MailTransport } from '../mail/mail-transport';
import { withTimeout } from '../async/with-timeout';
import { FleetStatus, fleetProblems } from '../maintenance/fleet-status';
import { FleetStatusService } from '../maintenance/fleet-status.service';
import { fleetHealthResponse, healthResponse } from './health.response';
import { ApiZodResponse } from '../http/openapi/openapi-metadata';

const CHECK_TIMEOUT_MS = 3000;

type Check = { status: 'up' } | { status: 'down'; error: string };

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealthService,
    private readonly fleetStatus: FleetStatusService,
    private readonly queues: JobQueueService,
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
  ) {}

  /**
   * Whether this process can serve: 200 when the database, the queue and the
   * mail transport answer; 503 naming the one that does not. The `workers`
   * section informs and never fails it, so a load balancer does not pull
   * every api process because of a worker problem (that is /health/fleet's).
   */
  @Get()
  @ApiZodResponse(healthResponse, 'Everything answers.')
  @ApiZodResponse(healthResponse, 'Something does not answer.', 503)
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, queue, mail, workers] = await Promise.all([
      check('database', () => this.database.ping()),
      check('queue', () => this.queues.queue(QueueName.Mail).getJobCounts('waiting')),
      check('mail transport', () => this.mail.check()),
      this.fleet().catch(() => null),
    ]);
    const up = [database, queue, mail].every((c) => c.status === 'up');
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'ok' : 'degraded', checks: { database, queue, mail: { ...mail, transport: this.mail.kind } }, workers };
  }

  /** For monitors: 503 when no worker has been seen recently or a maintenance task is three intervals late. */
  @Get('fleet')
  @ApiZodResponse(fleetHealthResponse, 'Workers are alive and every maintenance task is on time.')
  @ApiZodResponse(fleetHealthResponse, 'No worker seen recently, a task three intervals late, or the database does not answer.', 503)
  @Public()
  async fleetHealth(@Res({ passthrough: true }) res: Response) {
    let workers: FleetStatus;
    try {
      workers = await this.fleet();
    } catch (error) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return {
        status: 'degraded',
        problems: [`the database does not answer: ${error instanceof Error ? error.message : String(error)}`],
        workers: null,
      };
    }
    const problems = fleetProblems(workers);
    res.status(problems.length === 0 ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: problems.length === 0 ? 'ok' : 'degraded', problems, workers };
  }

  private fleet(): Promise<FleetStatus> {
    return withTimeout('worker heartbeats', CHECK_TIMEOUT_MS, this.fleetStatus.read());
  }
}

async function check(what: string, probe: () => Promise<unknown>): Promise<Check> {
  try {
    await withTimeout(what, CHECK_TIMEOUT_MS, probe());
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}
