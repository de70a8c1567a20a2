import { ConnectionOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { RedisClient, createRedisClient } from './redis-client';
import { QueueName } from './queue-names';

type RedisUse = 'workers' | 'producers';

/**
 * What every Queue and Worker is built with. On Redis, the workers share one
 * client from the connection factory (each duplicates it for its blocking
 * reads) that waits for Redis to come back; the producers share another that
 * fails a command at once while Redis is away, so a request that saved its
 * rows never waits on the queue (the maintenance sweep adds the job later).
 * Both are closed after the queues. For Postgres the backend factory is
 * process-wide, so it is switched here, before any queue exists.
 */
export class QueueConnection {
  private readonly clients = new Map<RedisUse, RedisClient>();

  private constructor(private readonly backend: { postgres: ConnectionOptions } | { openRedis: (use: RedisUse) => RedisClient }) {}

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
      openRedis: (use) =>
        createRedisClient(target, {
          connectionName: `${config.queue.prefix}:${config.role}:${use}`,
          waitForReconnect: use === 'workers',
          offlineQueue: use === 'workers',
        }),
    });
  }

  /** For Workers. Opened when the first one needs it, so a boot that fails earlier leaves no client reconnecting. */
  get options(): ConnectionOptions {
    return this.optionsFor('workers');
  }

  /** For the Queues that add jobs (and the dashboard and health, which read them). */
  get producerOptions(): ConnectionOptions {
    return this.optionsFor('producers');
  }

  private optionsFor(use: RedisUse): ConnectionOptions {
    if ('postgres' in this.backend) return this.backend.postgres;
    let client = this.clients.get(use);
    if (!client) {
      client = this.backend.openRedis(use);
      this.clients.set(use, client);
    }
    return client as unknown as ConnectionOptions;
  }

  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.filter((c) => c.status !== 'end').map((c) => c.quit().catch(() => c.disconnect())));
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
