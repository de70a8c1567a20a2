import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { JobQueueService, QUEUE_CONNECTION } from './job-queue.service';
import { QueueConnection } from './queue-connection';
import { QueueWorkersService } from './queue-workers.service';

@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: QueueModule,
      providers: [{ provide: QUEUE_CONNECTION, useValue: QueueConnection.open(config, databaseUrl) }, JobQueueService, QueueWorkersService],
      exports: [QUEUE_CONNECTION, JobQueueService, QueueWorkersService],
    };
  }
}
