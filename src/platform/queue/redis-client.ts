import { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis';
import { RedisTarget } from '../../config/app-config';

export type RedisClient = Redis | Cluster;

export interface RedisClientOptions {
  /** Shown by CLIENT LIST, so an operator can tell Plenary's connections apart. */
  connectionName: string;
  /**
   * Workers wait for Redis to come back (BullMQ requires it); on the request
   * path a command fails at the first failed reconnection instead.
   */
  waitForReconnect: boolean;
  /**
   * Whether commands wait in ioredis' queue while the connection is down.
   * Off for producers: a request adding a job must fail at once, not after
   * Redis returns.
   */
  offlineQueue?: boolean;
}

/**
 * The one place Plenary opens a Redis connection, in whichever mode the
 * configuration names: one node, a Cluster (seed nodes; ioredis follows
 * MOVED/ASK and discovers the rest) or a master found through Sentinels.
 */
export function createRedisClient(target: RedisTarget, options: RedisClientOptions): RedisClient {
  const common: RedisOptions = {
    connectionName: options.connectionName,
    maxRetriesPerRequest: options.waitForReconnect ? null : 0,
    enableOfflineQueue: options.offlineQueue ?? true,
    // A master demoted by a failover answers writes with READONLY until the
    // client reconnects, through the Sentinels, to the promoted one.
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
  };
  if (target.mode === 'single') return new Redis(target.url, common);
  if (target.mode === 'cluster') {
    const [first] = target.nodes;
    const clusterOptions: ClusterOptions = {
      enableOfflineQueue: options.offlineQueue ?? true,
      redisOptions: { ...common, ...credentials(first), tls: first.tls ? {} : undefined },
    };
    return new Cluster(
      target.nodes.map(({ host, port }) => ({ host, port })),
      clusterOptions,
    );
  }
  const [first] = target.sentinels;
  return new Redis({
    ...common,
    ...credentials(first),
    sentinels: target.sentinels.map(({ host, port }) => ({ host, port })),
    name: target.masterName,
    sentinelPassword: target.sentinelPassword,
    tls: first.tls ? {} : undefined,
    enableTLSForSentinelMode: first.tls,
    sentinelTLS: first.tls ? {} : undefined,
  });
}

function credentials(address: { username?: string; password?: string }): Pick<RedisOptions, 'username' | 'password'> {
  return { username: address.username, password: address.password };
}
