import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REDIS_WAIT_MS, RedisServerProcess, freePort } from './redis-server';
import { waitFor } from './wait-for';

export const SENTINEL_MASTER_NAME = 'plenary';

export interface SentinelPasswords {
  /** requirepass of the master and the replica (and masterauth, so either can follow the other). */
  redis: string;
  /** requirepass of the Sentinels, which they also use among themselves. */
  sentinel: string;
}

/**
 * A master, one replica and three Sentinels (`redis-server --sentinel`) on
 * free loopback ports, each with its password, and their files in a temporary
 * directory that `stop` removes with the processes.
 */
export class RedisSentinelSetup {
  private constructor(
    private readonly servers: RedisServerProcess[],
    private readonly dir: string,
  ) {}

  static async start(passwords: SentinelPasswords): Promise<RedisSentinelSetup> {
    const dir = await mkdtemp(join(tmpdir(), 'plenary-redis-sentinel-'));
    const servers: RedisServerProcess[] = [];
    const setup = new RedisSentinelSetup(servers, dir);
    try {
      const data = ['--save', '', '--appendonly', 'no', '--requirepass', passwords.redis, '--masterauth', passwords.redis];
      const masterPort = await freePort();
      await mkdir(join(dir, 'master'));
      servers.push(await new RedisServerProcess(masterPort, [...data, '--dir', join(dir, 'master')], passwords.redis).ready());
      await mkdir(join(dir, 'replica'));
      const replica = new RedisServerProcess(
        await freePort(),
        [...data, '--dir', join(dir, 'replica'), '--replicaof', '127.0.0.1', String(masterPort)],
        passwords.redis,
      );
      servers.push(await replica.ready());
      await waitFor(
        'the replica to sync with the master',
        async () => (await replica.command<string>('INFO', 'replication')).includes('master_link_status:up'),
        REDIS_WAIT_MS,
      );
      for (let i = 0; i < 3; i++) {
        const config = join(dir, `sentinel-${i}.conf`);
        await writeFile(
          config,
          [
            `requirepass ${passwords.sentinel}`,
            `sentinel sentinel-pass ${passwords.sentinel}`,
            `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${masterPort} 2`,
            `sentinel auth-pass ${SENTINEL_MASTER_NAME} ${passwords.redis}`,
            `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} 1000`,
            `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 5000`,
            `dir ${dir}`,
          ].join('\n'),
        );
        servers.push(new RedisServerProcess(await freePort(), [config, '--sentinel'], passwords.sentinel));
      }
      for (const sentinel of setup.sentinels) {
        await sentinel.ready();
        await waitFor(
          `Sentinel ${sentinel.address} to know the replica and the other Sentinels`,
          async () =>
            (await sentinel.command<unknown[]>('SENTINEL', 'REPLICAS', SENTINEL_MASTER_NAME)).length === 1 &&
            (await sentinel.command<unknown[]>('SENTINEL', 'SENTINELS', SENTINEL_MASTER_NAME)).length === 2,
          REDIS_WAIT_MS,
        );
      }
      return setup;
    } catch (error) {
      await setup.stop();
      throw error;
    }
  }

  get master(): RedisServerProcess {
    return this.servers[0];
  }

  get replica(): RedisServerProcess {
    return this.servers[1];
  }

  get sentinels(): RedisServerProcess[] {
    return this.servers.slice(2);
  }

  /** What REDIS_SENTINELS takes: the Sentinels, with the data nodes' password. */
  sentinelEntries(redisPassword: string): string {
    return this.sentinels.map((sentinel) => `redis://:${encodeURIComponent(redisPassword)}@${sentinel.address}`).join(',');
  }

  /** SENTINEL FAILOVER, then waits until the replica is master and every Sentinel says so. */
  async failover(): Promise<void> {
    await this.sentinels[0].command('SENTINEL', 'FAILOVER', SENTINEL_MASTER_NAME);
    await waitFor(
      `the replica ${this.replica.address} to be promoted`,
      async () => {
        const [role] = await this.replica.command<string[]>('ROLE');
        if (role !== 'master') return false;
        for (const sentinel of this.sentinels) {
          const [, port] = await sentinel.command<string[]>('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER_NAME);
          if (Number(port) !== this.replica.port) return false;
        }
        return true;
      },
      REDIS_WAIT_MS,
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop()));
    await rm(this.dir, { recursive: true, force: true });
  }
}
