import { ConnectionOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { RedisClient, createRedisClient } from './redis-client';
import { QueueName } from './queue-names';

/**
 * What every Queue and Worker is built with. On Redis, the process's queues
 * share one client from the connection factory (workers duplicate it for their
 * blocking reads); it is closed after them. For Postgres the backend factory
 * is process-wide, so it is switched here, before any queue exists.
 */
export class QueueConnection {
  private client: RedisClient | undefined;

  private constructor(private readonly backend: { postgres: ConnectionOptions } | { openRedis: () => RedisClient }) {}

  static open(config: AppConfig, databaseUrl: string): QueueConnection {
    if (config.queue.backend === 'postgres') {
      setDefaultBackendFactory(createPostgresBackend);
      const options = { connectionString: databaseUrl, migrate: true, max: 4 } as unknown as ConnectionOptions;
      return new QueueConnection({ postgres: options });
    }
    setDefaultBackendFactory();
    const target = config.queue.redis;
    if (!target) throw new Error('the Redis queue backend was chosen without a Redis address');
    return new QueueConnection({
      openRedis: () => createRedisClient(target, { connectionName: `${config.queue.prefix}:${config.role}`, waitForReconnect: true }),
    });
  }

  /** Opened when the first queue needs it, so a boot that fails earlier leaves no client reconnecting. */
  get options(): ConnectionOptions {
    if ('postgres' in this.backend) return this.backend.postgres;
    this.client ??= this.backend.openRedis();
    return this.client as unknown as ConnectionOptions;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client || client.status === 'end') return;
    await client.quit().catch(() => client.disconnect());
  }
}

/**
 * BullMQ keys are `<prefix>:<queue>:<type>`. A Cluster runs a multi-key
 * command only when all its keys share a hash slot, so there each queue's
 * prefix carries its own hash tag (`plenary:{mail}` → `plenary:{mail}:mail:wait`):
 * one queue's keys in one slot, the queues spread over the cluster. One node
 * and Sentinel keep the plain `plenary:mail:wait`, as before.
 */
export function queuePrefix(config: AppConfig, queue: QueueName): string {
  return config.queue.redis?.mode === 'cluster' ? `${config.queue.prefix}:{${queue}}` : config.queue.prefix;
}
