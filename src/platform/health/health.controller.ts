import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../http/route-access';
import { JobQueueService } from '../queue/job-queue.service';
import { QueueName } from '../queue/queue-names';
import { MAIL_TRANSPORT, MailTransport } from '../mail/mail-transport';

const CHECK_TIMEOUT_MS = 3000;

type Check = { status: 'up' } | { status: 'down'; error: string };

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: JobQueueService,
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
  ) {}

  /** 200 when the database, the queue and the mail transport answer; 503 naming the one that does not. */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, queue, mail] = await Promise.all([
      check(() => this.db.query('SELECT 1')),
      check(() => this.queues.queue(QueueName.Mail).getJobCounts('waiting')),
      check(() => this.mail.check()),
    ]);
    const up = [database, queue, mail].every((c) => c.status === 'up');
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'ok' : 'degraded', checks: { database, queue, mail: { ...mail, transport: this.mail.kind } } };
  }
}

async function check(probe: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
