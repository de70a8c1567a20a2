import 'reflect-metadata';
import { ModuleMetadata, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../../src/auth/auth.module';
import { loadConfig } from '../../src/config/app-config';
import { ConfigModule } from '../../src/config/config.module';
import { ENTITIES } from '../../src/data-source';
import { DatabaseModule } from '../../src/platform/database/database.module';
import { dataSourceOptions } from '../../src/platform/database/data-source-options';
import { MIGRATIONS } from '../../src/platform/database/migrations';
import { DomainEventsModule } from '../../src/platform/domain-events/domain-events.module';
import { RateLimitModule } from '../../src/platform/http/rate-limit.module';
import { MailModule } from '../../src/platform/mail/mail.module';
import { MaintenanceModule } from '../../src/platform/maintenance/maintenance.module';
import { QueueModule } from '../../src/platform/queue/queue.module';
import { QueueWorkersService } from '../../src/platform/queue/queue-workers.service';
import { MaintenanceSchedulerService } from '../../src/platform/maintenance/maintenance-scheduler.service';
import { TestDatabase, createTestDatabase } from './test-database';
import { testEnv } from './test-app';

export interface ServiceModule {
  db: TestDatabase;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

/**
 * The modules under test register only their part of the job handlers, so the
 * boot check that every job has one (the whole app's, tested there) is left out.
 */
class PartialQueueWorkers extends QueueWorkersService {
  override onApplicationBootstrap(): void {
    // No workers either: the `api` role runs none.
  }
}

class PartialMaintenance extends MaintenanceSchedulerService {
  override onApplicationBootstrap(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The domain modules under test and the platform they stand on, wired by Nest
 * against a database of this file's own: services are called directly, with
 * no HTTP and no workers (the `api` role runs none, so queued jobs stay queued).
 * Nest builds the services, so a constructor that changes needs no change here.
 */
export async function createServiceModule(imports: NonNullable<ModuleMetadata['imports']>): Promise<ServiceModule> {
  const db = await createTestDatabase();
  const config = loadConfig(testEnv(db.url, 'smtp://127.0.0.1:1', { PLENARY_ROLE: 'api' }));
  let module: TestingModule;
  try {
    module = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(db.url, ENTITIES, MIGRATIONS)),
        DatabaseModule,
        DomainEventsModule,
        QueueModule.forRoot(config, db.url),
        RateLimitModule,
        MaintenanceModule,
        MailModule,
        AuthModule,
        ...imports,
      ],
    })
      .overrideProvider(QueueWorkersService)
      .useClass(PartialQueueWorkers)
      .overrideProvider(MaintenanceSchedulerService)
      .useClass(PartialMaintenance)
      .compile();
    module.useLogger(false);
    await module.init();
  } catch (error) {
    await db.drop();
    throw error;
  }
  return {
    db,
    get: (type) => module.get(type, { strict: false }),
    async close() {
      await module.close();
      await db.drop();
    },
  };
}
