import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REDIS_URL, databaseUrl, deleteQueueKeys, withAdmin } from './bench-services';

type PlenaryModule = typeof import('../../src/plenary');
type ConfigModule = typeof import('../../src/config/app-config');
export type Plenary = Awaited<ReturnType<PlenaryModule['startPlenary']>>;

/** The administrator every benchmark boots Plenary with and logs in as. */
export const ADMIN = { email: 'bench@plenary.test', password: 'bench-password-1' };

/**
 * A Plenary for measuring, on a database, BullMQ prefix and data directory of
 * its own that `stop` removes. The compiled server is loaded from dist/ only
 * at `start`, as benches whose file is also a worker thread's must not load it there.
 */
export class ScratchPlenary {
  private plenary: Plenary | null = null;

  private constructor(
    readonly database: string,
    readonly prefix: string,
    readonly dataDir: string,
  ) {}

  static async create(): Promise<ScratchPlenary> {
    const database = `plenary_bench_${randomBytes(5).toString('hex')}`;
    const prefix = `bench${randomBytes(4).toString('hex')}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'plenary-bench-'));
    await withAdmin((c) => c.query(`CREATE DATABASE ${database}`));
    return new ScratchPlenary(database, prefix, dataDir);
  }

  get databaseUrl(): string {
    return databaseUrl(this.database);
  }

  /** The settings every bench runs with (no rate limit, silent log, any port), and the bench's own on top. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: this.prefix,
      PLENARY_DATA_DIR: this.dataDir,
      PORT: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      PLENARY_LOG_LEVEL: 'silent',
      PLENARY_ADMIN_EMAIL: ADMIN.email,
      PLENARY_ADMIN_PASSWORD: ADMIN.password,
      ...extra,
    };
  }

  async start(extra: Record<string, string> = {}): Promise<Plenary> {
    const dist = resolve(__dirname, '..', '..');
    const { startPlenary } = require(join(dist, 'plenary.js')) as PlenaryModule;
    const { loadConfig } = require(join(dist, 'config', 'app-config.js')) as ConfigModule;
    this.plenary = await startPlenary(loadConfig(this.env(extra)));
    return this.plenary;
  }

  /** Stops Plenary if it started, then drops its database, its queue keys and its data directory. */
  async stop(): Promise<void> {
    await this.plenary?.stop();
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`));
    await deleteQueueKeys(this.prefix);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
