import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REDIS_WAIT_MS, RedisServerProcess, freePort } from './redis-server';
import { waitFor } from './wait-for';

/**
 * A Redis Cluster of `masters` nodes (no replicas) on free loopback ports,
 * each with its own cluster bus port and `password`, its state in a temporary
 * directory that `stop` removes with the processes.
 */
export class RedisCluster {
  private constructor(
    readonly nodes: RedisServerProcess[],
    private readonly dir: string,
    private readonly password: string,
  ) {}

  static async start(masters: number, password: string): Promise<RedisCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'plenary-redis-cluster-'));
    const nodes: RedisServerProcess[] = [];
    const cluster = new RedisCluster(nodes, dir, password);
    try {
      for (let i = 0; i < masters; i++) {
        const [port, busPort] = [await freePort(), await freePort()];
        nodes.push(
          new RedisServerProcess(
            port,
            [
              '--cluster-enabled',
              'yes',
              '--cluster-config-file',
              join(dir, `nodes-${port}.conf`),
              '--cluster-port',
              String(busPort),
              '--dir',
              dir,
              '--save',
              '',
              '--appendonly',
              'no',
              '--requirepass',
              password,
              '--masterauth',
              password,
            ],
            password,
          ),
        );
      }
      await Promise.all(nodes.map((node) => node.ready()));
      await promisify(execFile)('redis-cli', ['--cluster', 'create', ...nodes.map((node) => node.address), '--cluster-yes'], {
        timeout: REDIS_WAIT_MS,
        env: { ...process.env, REDISCLI_AUTH: password },
      });
      for (const node of nodes) {
        await waitFor(
          `cluster_state:ok on ${node.address}`,
          async () => (await node.command<string>('CLUSTER', 'INFO')).includes('cluster_state:ok'),
          REDIS_WAIT_MS,
        );
      }
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** The seed list REDIS_CLUSTER_NODES takes, with the nodes' password. */
  get seedNodes(): string {
    return this.nodes.map((node) => `redis://:${encodeURIComponent(this.password)}@${node.address}`).join(',');
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
    await rm(this.dir, { recursive: true, force: true });
  }
}
