import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { insertOrganiser, replacePassword } from '../auth/organiser-accounts';
import { loadConfig } from '../config/app-config';
import { createDataSource } from '../data-source';
import { runMigrations } from '../platform/database/migrate';
import { openDatabaseUrl } from './database-url';

const USAGE = `usage:
  npm run cli -- create-organiser --email <address> --name <name> [--admin] [--password <password>]
  npm run cli -- reset-password --email <address> [--password <password>]
  npm run cli -- worker-health [--host <name>] [--pid <pid>]
Without --password a password is generated and printed once. worker-health exits 0 when a worker
process on this host (or the one given) has a current heartbeat in DATABASE_URL's database, else 1.`;

/** Account chores from the shell, against DATABASE_URL or the embedded database. */
async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      admin: { type: 'boolean', default: false },
      host: { type: 'string' },
      pid: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (command === 'worker-health') return workerHealth(values.host ?? hostname(), values.pid === undefined ? null : Number(values.pid));
  if (!values.email || (command !== 'create-organiser' && command !== 'reset-password')) throw new Error(USAGE);
  if (values.password !== undefined && values.password.length < 10) throw new Error('--password needs at least 10 characters');
  const password = values.password ?? randomBytes(12).toString('base64url');
  const database = await openDatabaseUrl(loadConfig());
  const dataSource = createDataSource(database.url);
  try {
    await runMigrations(dataSource);
    await dataSource.initialize();
    if (command === 'create-organiser') {
      if (!values.name) throw new Error(USAGE);
      const id = await insertOrganiser(dataSource.manager, { email: values.email, name: values.name, password, isAdmin: values.admin });
      if (!id) throw new Error(`an organiser account with the address ${values.email} already exists`);
      console.log(`created ${values.admin ? 'administrator' : 'organiser'} ${values.email.toLowerCase()}`);
    } else {
      const id = await replacePassword(dataSource.manager, values.email, password);
      if (!id) throw new Error(`no organiser account has the address ${values.email}`);
      console.log(`password of ${values.email.toLowerCase()} replaced; its logins have ended`);
    }
    if (!values.password) console.log(`password: ${password}`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
  }
}

/**
 * For a container's health check: whether a worker process on `host` (and
 * with `pid`, when given) wrote a heartbeat recently enough to count as alive.
 * Reads the database only, so it answers while Redis is down, and a worker
 * stuck so hard that it stops beating fails it.
 */
async function workerHealth(host: string, pid: number | null): Promise<void> {
  const config = loadConfig();
  if (config.database.embedded)
    throw new Error('worker-health needs DATABASE_URL: the embedded runtime has no worker processes of its own (see GET /health)');
  const client = new Client({ connectionString: config.database.url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; last_seen_at: Date }>(
      `SELECT pid, last_seen_at FROM worker_heartbeats
        WHERE host = $1 AND ($2::int IS NULL OR pid = $2) AND last_seen_at > now() - stale_after_ms * interval '1 millisecond'`,
      [host, pid],
    );
    const which = `${host}${pid === null ? '' : ` pid ${pid}`}`;
    if (rows.length === 0) throw new Error(`no live worker on ${which}: no heartbeat within the last three intervals`);
    console.log(`worker alive on ${which}: ${rows.map((r) => `pid ${r.pid}, last heartbeat ${r.last_seen_at.toISOString()}`).join('; ')}`);
  } finally {
    await client.end();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
