import { RedisTarget } from '../../config/app-config';
import { RedisClient, createRedisClient } from '../queue/redis-client';
import { RateLimitStore, RateLimitWindow } from './rate-limit-store';

/** One key per window, so a Cluster routes it to any slot; INCR and its expiry in one script. */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }`;

type ScriptedClient = RedisClient & { plenaryRateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

/** Fixed windows counted in Redis; its own client fails at once while Redis is away. */
export class RedisRateLimitStore implements RateLimitStore {
  private client: ScriptedClient | undefined;

  constructor(
    private readonly target: RedisTarget,
    private readonly prefix: string,
  ) {}

  async hit(key: string, windowMs: number): Promise<RateLimitWindow> {
    const [hits, ttl] = await this.redis().plenaryRateLimitHit(`${this.prefix}:rate-limit:${key}`, windowMs);
    return { hits, resetsInMs: ttl > 0 ? ttl : windowMs };
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.quit().catch(() => client.disconnect());
  }

  /** Opened at the first limited request: an api that never gets one holds no connection for it. */
  private redis(): ScriptedClient {
    if (!this.client) {
      const client = createRedisClient(this.target, { connectionName: `${this.prefix}:rate-limit`, waitForReconnect: false });
      client.defineCommand('plenaryRateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
      this.client = client as ScriptedClient;
    }
    return this.client;
  }
}
