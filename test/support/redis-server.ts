import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { waitFor } from './wait-for';

/** How long the Redis helpers wait for a server, a cluster or a failover; TEST_REDIS_WAIT_MS overrides. */
export const REDIS_WAIT_MS = Number(process.env.TEST_REDIS_WAIT_MS ?? 20_000);

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One `redis-server` process on a loopback port, in whatever mode its arguments say. */
export class RedisServerProcess {
  private readonly output: string[] = [];
  private readonly child: ChildProcess;
  private readonly exit: Promise<void>;

  constructor(
    readonly port: number,
    args: string[],
    /** What the test's own commands authenticate with, when the server requires it. */
    private readonly password?: string,
  ) {
    this.child = spawn('redis-server', [...args, '--port', String(port), '--bind', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer) => this.output.push(chunk.toString('utf8'));
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exit = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** A short-lived client for one command, so a test never holds a connection across a failover. */
  async command<T>(name: string, ...args: Array<string | number>): Promise<T> {
    const client = new Redis({
      host: '127.0.0.1',
      port: this.port,
      password: this.password,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await client.connect();
      return (await client.call(name, ...args)) as T;
    } finally {
      client.disconnect();
    }
  }

  async ready(): Promise<this> {
    await waitFor(
      `redis-server on ${this.address} to answer PING`,
      async () => {
        if (this.child.exitCode !== null) throw new Error(`redis-server exited:\n${this.output.join('')}`);
        return (await this.command<string>('PING')) === 'PONG';
      },
      REDIS_WAIT_MS,
    );
    return this;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exit;
  }
}
