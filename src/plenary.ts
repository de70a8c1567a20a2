import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { createDataSource } from './data-source';
import { setUpHttp } from './http-setup';
import { drainConnections } from './platform/http/drain-connections';
import { EmbeddedPostgres, startEmbeddedPostgres } from './platform/database/embedded-postgres';
import { runMigrations } from './platform/database/migrate';
import { PinoLoggerService, createRootLogger } from './platform/logging/pino-logger';

export interface RunningPlenary {
  config: AppConfig;
  /** The Nest application (HTTP roles) or application context (worker role). */
  app: INestApplicationContext;
  /** Where HTTP is served, e.g. http://127.0.0.1:3000; null for a worker. */
  url: string | null;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts Plenary in the configured role: the embedded database first when no
 * DATABASE_URL is set, then migrations, then HTTP and/or workers. `stop`
 * closes workers, then the database, then the embedded server.
 */
export async function startPlenary(config: AppConfig): Promise<RunningPlenary> {
  const rootLogger = createRootLogger(config.logLevel);
  const logger = new PinoLoggerService(rootLogger);
  let embedded: EmbeddedPostgres | null = null;
  try {
    if (config.database.embedded) embedded = await startEmbeddedPostgres(config.dataDir);
    const databaseUrl = embedded ? embedded.url : (config.database.url as string);
    if (config.database.runMigrations) {
      const applied = await runMigrations(createDataSource(databaseUrl));
      if (applied.length > 0) rootLogger.info({ applied }, `applied ${applied.length} migration(s)`);
    }
    const module = AppModule.forRoot(config, databaseUrl);
    let app: INestApplicationContext;
    let url: string | null = null;
    let httpServer: Server | null = null;
    if (config.role === 'worker') {
      app = await NestFactory.createApplicationContext(module, { logger });
      await app.init();
    } else {
      const http = await NestFactory.create<NestExpressApplication>(module, { logger, bodyParser: false });
      setUpHttp(http, rootLogger);
      httpServer = http.getHttpServer() as Server;
      if (config.publicUrlFollowsPort) {
        // Bound before init starts the workers, so no email is rendered with a port not yet known (PORT=0).
        config.publicUrl = `http://localhost:${await listen(httpServer, config.port)}`;
        await http.init();
      } else {
        await http.listen(config.port, '0.0.0.0');
      }
      url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
      app = http;
    }
    rootLogger.info(
      { role: config.role, url, publicUrl: config.publicUrl, embedded: Boolean(embedded), queue: config.queue.backend },
      'Plenary started',
    );
    return {
      config,
      app,
      url,
      databaseUrl,
      async stop() {
        if (httpServer) drainConnections(httpServer);
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

/** Listens on every IPv4 address and resolves with the port bound (the one chosen when `port` is 0). */
function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
