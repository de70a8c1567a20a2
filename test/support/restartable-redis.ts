import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from './redis-server';
import { waitFor } from './wait-for';

/**
 * A `redis-server` of the test's own on a free loopback port, so a test can
 * kill it, stop it or bring it back without touching the shared one. It keeps
 * nothing on disk unless stopped with `stop()`, which saves before exiting.
 */
export class RedisServer {
  private child: ChildProcess | null = null;
  private exit: Promise<void> | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'plenary-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    return new RedisServer(await freePort()).start();
  }

  get running(): boolean {
    return this.child !== null;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port, with whatever `stop()` saved. */
  async start(): Promise<this> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    this.exit = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
    await waitFor(`redis-server on port ${this.port}`, () => this.ping(), 10_000);
    return this;
  }

  /** Gone at once with everything it held, as a crash of an unpersisted Redis. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exit;
    this.child = null;
  }

  /** An orderly stop that keeps the data for the next `start()`. */
  async stop(): Promise<void> {
    const client = new Redis(this.port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
    await client.connect();
    await client.call('SHUTDOWN', 'SAVE').catch(() => undefined);
    client.disconnect();
    await this.exit;
    this.child = null;
  }

  async close(): Promise<void> {
    if (this.child) await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async ping(): Promise<boolean> {
    const client = new Redis(this.port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}
