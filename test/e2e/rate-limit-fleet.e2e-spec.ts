import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { PlenaryProcess, cleanEnv } from '../support/plenary-process';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN, testEnv } from '../support/test-app';
import { TestDatabase, createTestDatabase } from '../support/test-database';

const MAIN = resolve(__dirname, '../../dist/main.js');
const LIMIT = 4;
/** How long a process may take to answer; on a loaded machine two of them starting at once took over a minute. */
const START_MS = 120_000;

/** Wrong-password logins from one client address, alternating between the processes, until one is refused. */
async function loginsUntilLimited(urls: string[], clientAddress: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i <= LIMIT; i++) {
    const response = await request(urls[i % urls.length])
      .post('/auth/login')
      .set('X-Forwarded-For', clientAddress)
      .send({ email: ADMIN.email, password: 'wrong-password' });
    statuses.push(response.status);
  }
  return statuses;
}

async function startAll(processes: PlenaryProcess[]): Promise<string[]> {
  return Promise.all(processes.map((process) => process.start().url(START_MS)));
}

/**
 * Two api processes behind one address, as behind a load balancer: with
 * TRUST_PROXY the client is the address in X-Forwarded-For, and the public
 * rate limit counts its requests across both processes, in Redis or, with the
 * queue on Postgres, in the database.
 */
describe.each([
  ['Redis', {}],
  ['Postgres', { QUEUE_BACKEND: 'postgres' }],
])('the public rate limit of two api processes, counted in %s', (_store, overrides: Record<string, string>) => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let processes: PlenaryProcess[] = [];
  let urls: string[];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    db = await createTestDatabase();
    smtp = await new SmtpSink().start();
    const env = testEnv(db.url, smtp.url, {
      ...overrides,
      PLENARY_ROLE: 'api',
      PLENARY_LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      TRUST_PROXY: 'loopback',
    }) as Record<string, string>;
    processes = [new PlenaryProcess(cleanEnv(env)), new PlenaryProcess(cleanEnv(env))];
    urls = await startAll(processes);
  }, START_MS + 30_000);

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await smtp?.stop();
    await db?.drop();
  });

  it(`refuses the client's request number ${LIMIT + 1} whichever process it reaches, and counts other clients apart`, async () => {
    expect(await loginsUntilLimited(urls, '203.0.113.7')).toEqual([...Array<number>(LIMIT).fill(401), 429]);
    const other = await request(urls[0])
      .post('/auth/login')
      .set('X-Forwarded-For', '198.51.100.9')
      .send({ email: ADMIN.email, password: 'wrong-password' });
    expect(other.status).toBe(401);
  });
});

describe('the public rate limit on the embedded runtime', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-rate-limit-'));
  const plenary = new PlenaryProcess(
    cleanEnv({
      PLENARY_DATA_DIR: dataDir,
      PORT: '0',
      PUBLIC_URL: 'http://plenary.test',
      PLENARY_ADMIN_EMAIL: ADMIN.email,
      PLENARY_ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
    }),
  );

  afterAll(async () => {
    await plenary.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Its start time is embedded-runtime's promise, not this test's.
  it(
    'counts in its own database, with no Redis there',
    async () => {
      const url = await plenary.start().url(START_MS);
      expect(await loginsUntilLimited([url], '203.0.113.7')).toEqual([...Array<number>(LIMIT).fill(401), 429]);
    },
    START_MS + 30_000,
  );
});
