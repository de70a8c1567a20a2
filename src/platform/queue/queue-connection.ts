import { ConnectionOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { AppConfig } from '../../config/app-config';

/**
 * The connection every Queue and Worker is built with. For Postgres the
 * backend factory is process-wide, so it is switched here, before any queue
 * exists.
 */
export function queueConnection(config: AppConfig, databaseUrl: string): ConnectionOptions {
  if (config.queue.backend === 'postgres') {
    setDefaultBackendFactory(createPostgresBackend);
    return { connectionString: databaseUrl, migrate: true, max: 4 } as unknown as ConnectionOptions;
  }
  setDefaultBackendFactory();
  const url = new URL(config.queue.redisUrl as string);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers must wait for Redis to come back instead of failing commands.
    maxRetriesPerRequest: null,
  };
}
