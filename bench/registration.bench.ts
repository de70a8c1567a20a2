/**
 * bench:registration — a burst of 2,000 concurrent public registrations into a
 * 500-seat event, beside a bare insert endpoint on the same server that takes
 * the same JSON and does one plain INSERT, as a ratio of accepted per second
 * (goal: at least 0.5). Prints p50/p99 latency, confirmed/waitlisted counts
 * and overbooked (confirmed beyond capacity, read from the database; must be 0).
 *
 * Runs Plenary in this process (compiled dist/) in the `api` role (no workers
 * competing for the cores) against a fresh Postgres database that it drops at
 * the end; the load comes from a worker thread so the client does not share
 * the server's event loop. Traffic goes to 127.0.0.1 only. Each registration
 * round uses a fresh event. Exits non-zero when a seat was overbooked, when
 * any request answered 5xx, or when a request got no answer at all.
 * Run with `npm run bench:registration`.
 *
 * Env: TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres),
 * TEST_REDIS_URL (redis://127.0.0.1:6379), BENCH_REQUESTS (2000 per burst),
 * BENCH_CONCURRENCY (2000: every request of the burst in flight at once, one
 * socket each), BENCH_CAPACITY (500), BENCH_ROUNDS (2, alternating).
 */
import { Agent, request } from 'node:http';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { ADMIN, ScratchPlenary } from './support/scratch-plenary';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? REQUESTS);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP_REQUESTS = 200;
const GOAL = 0.5;
const BASELINE_PATH = '/bench/bare-insert';
const REGISTRATIONS_ROUTE = '/events/:eventId/registrations';

interface BurstRequest {
  url: string;
  requests: number;
  concurrency: number;
  /** Makes every email of the run unique. */
  tag: string;
}

interface BurstResult {
  seconds: number;
  /** Milliseconds per request, in completion order, including those that failed. */
  latencies: number[];
  /** HTTP status → count; 0 counts requests that got no answer. */
  statuses: Record<number, number>;
  /** `status` field of the 201 answers → count (confirmed, waitlisted, …). */
  outcomes: Record<string, number>;
  firstError?: string;
}

// ---------------------------------------------------------------- load (worker thread)

const COUNTRY = 'BE';

function body(tag: string, i: number): string {
  return JSON.stringify({
    name: `Attendee ${i} Lastname`,
    email: `attendee${i}-${tag}@bench.test`,
    organisation: `Regional Development Agency ${i % 40}`,
    organisationType: 'public_authority',
    region: `Région ${i % 20}`,
    countryCode: COUNTRY,
  });
}

function post(agent: Agent, url: URL, payload: string): Promise<{ status: number; text: string }> {
  return new Promise((resolvePost, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolvePost({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Sends `requests` POSTs, at most `concurrency` in flight, each on its own socket slot of a fresh agent. */
async function runBurst(job: BurstRequest): Promise<BurstResult> {
  const url = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
  const payloads = Array.from({ length: job.requests }, (_, i) => body(job.tag, i));
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const outcomes: Record<string, number> = {};
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < payloads.length) {
      const payload = payloads[next++];
      const t0 = performance.now();
      let status = 0;
      try {
        const response = await post(agent, url, payload);
        status = response.status;
        if (status === 201) {
          const outcome = String((JSON.parse(response.text) as { status?: unknown }).status);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        } else if (firstError === undefined) {
          firstError = `${status} ${response.text.slice(0, 300)}`;
        }
      } catch (error) {
        if (firstError === undefined) firstError = String(error);
      }
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.concurrency, job.requests) }, lane));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { seconds, latencies, statuses, outcomes, firstError };
}

if (!isMainThread) {
  const port = parentPort!;
  port.on('message', (job: BurstRequest | 'exit') => {
    if (job === 'exit') {
      port.close();
      return;
    }
    void runBurst(job).then((result) => port.postMessage(result));
  });
}

class LoadClient {
  private readonly worker = new Worker(__filename, { workerData: null });

  run(job: BurstRequest): Promise<BurstResult> {
    return new Promise((resolveResult, reject) => {
      this.worker.once('message', resolveResult);
      this.worker.once('error', reject);
      this.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage('exit');
    await this.worker.terminate();
  }
}

// ---------------------------------------------------------------- setup (main thread)

function api(base: string, token?: string) {
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
}

/** Local wall-clock `YYYY-MM-DDTHH:mm` some days from now. */
function daysFromNow(days: number, time: string): string {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

/** A published two-day event a month from now with CAPACITY seats, open for registration. */
async function createOpenEvent(base: string, token: string, title: string): Promise<string> {
  const call = api(base, token);
  const event = await call<{ id: string }>('POST', '/events', {
    title,
    timezone: 'Europe/Brussels',
    startsAt: daysFromNow(30, '09:00'),
    endsAt: daysFromNow(31, '17:30'),
    venue: 'Brussels',
    capacity: CAPACITY,
  });
  await call('POST', `/events/${event.id}/publish`);
  return event.id;
}

/**
 * Mounts the bare insert on the same Express app, just before the
 * registration route, so both pass the same global middleware (request log,
 * metrics, JSON body parser). It takes the same JSON and does one plain
 * INSERT through the app's DataSource (the same pool of connections).
 */
function mountBaseline(app: NestExpressApplication, dataSource: DataSource): void {
  const express = app.getHttpAdapter().getInstance() as {
    post(path: string, handler: (req: Request, res: Response, next: NextFunction) => void): void;
    router: { stack: Array<{ route?: { path?: string; methods?: Record<string, boolean> } }> };
  };
  express.post(BASELINE_PATH, (req, res) => {
    dataSource.query('INSERT INTO bench_inserts (body) VALUES ($1) RETURNING id', [JSON.stringify(req.body)]).then(
      (rows: Array<{ id: string }>) => {
        res.status(201).json({ id: rows[0].id, status: 'inserted' });
      },
      (error: unknown) => {
        res.status(500).json({ status: 500, detail: String(error) });
      },
    );
  });
  const stack = express.router.stack;
  const layer = stack.pop()!;
  const index = stack.findIndex((l) => l.route?.path === REGISTRATIONS_ROUTE && l.route.methods?.post);
  if (index < 0) throw new Error('the registration route was not found in the Express stack');
  stack.splice(index, 0, layer);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Tally {
  accepted: number;
  seconds: number;
  latencies: number[];
  non2xx: number;
  fivexx: number;
  unanswered: number;
  confirmed: number;
  waitlisted: number;
  overbooked: number;
}

const emptyTally = (): Tally => ({
  accepted: 0,
  seconds: 0,
  latencies: [],
  non2xx: 0,
  fivexx: 0,
  unanswered: 0,
  confirmed: 0,
  waitlisted: 0,
  overbooked: 0,
});

function add(tally: Tally, result: BurstResult): { accepted: number; non2xx: number; fivexx: number; unanswered: number } {
  let accepted = 0;
  let non2xx = 0;
  let fivexx = 0;
  let unanswered = 0;
  for (const [status, count] of Object.entries(result.statuses).map(([s, n]) => [Number(s), n] as const)) {
    if (status === 201) accepted += count;
    if (status === 0) unanswered += count;
    else if (status < 200 || status >= 300) non2xx += count;
    if (status >= 500) fivexx += count;
  }
  tally.accepted += accepted;
  tally.seconds += result.seconds;
  tally.latencies.push(...result.latencies);
  tally.non2xx += non2xx;
  tally.fivexx += fivexx;
  tally.unanswered += unanswered;
  return { accepted, non2xx, fivexx, unanswered };
}

const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;

function line(label: string, accepted: number, seconds: number, latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `${label} ${(accepted / seconds).toFixed(0).padStart(6)} accepted/s  p50 ${ms(percentile(sorted, 50))}  p99 ${ms(percentile(sorted, 99))}`;
}

/** What the rounds drive: the load client, the server and its database, and the totals they add to. */
interface Rounds {
  client: LoadClient;
  base: string;
  token: string;
  dataSource: DataSource;
  totals: { registrations: Tally; baseline: Tally };
}

/** The event's registrations by status, as the database holds them, and its outbox. */
async function seats(dataSource: DataSource, eventId: string) {
  const rows: Array<{ status: string; n: number }> = await dataSource.query(
    `SELECT status, count(*)::int AS n FROM registrations WHERE event_id = $1 GROUP BY status`,
    [eventId],
  );
  const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  const outbox: Array<{ n: number }> = await dataSource.query(`SELECT count(*)::int AS n FROM emails WHERE event_id = $1`, [eventId]);
  return {
    confirmed: count('confirmed'),
    waitlisted: count('waitlisted'),
    other: rows.reduce((n, r) => n + r.n, 0) - count('confirmed') - count('waitlisted'),
    emails: outbox[0].n,
  };
}

const burst = (url: string, requests: number, tag: string): BurstRequest => ({
  url,
  requests,
  concurrency: Math.min(CONCURRENCY, requests),
  tag,
});

/** JIT, connection pools, both paths (a throwaway event). */
async function warmUp({ client, base, token }: Rounds, prefix: string): Promise<void> {
  const warmEvent = await createOpenEvent(base, token, 'Bench warm-up');
  const warm = [
    await client.run(burst(`${base}/events/${warmEvent}/registrations`, WARMUP_REQUESTS, `warm-${prefix}`)),
    await client.run(burst(`${base}${BASELINE_PATH}`, WARMUP_REQUESTS, `warm-${prefix}`)),
  ];
  for (const result of warm) {
    if (result.statuses[201] !== WARMUP_REQUESTS)
      throw new Error(`warm-up: ${JSON.stringify(result.statuses)}; first error: ${result.firstError}`);
  }
}

/** A burst of registrations to a fresh event, checked against the seats the database holds afterwards. */
async function registrationRound({ client, base, token, dataSource, totals }: Rounds, round: number, tag: string): Promise<void> {
  const eventId = await createOpenEvent(base, token, `Bench round ${round}`);
  const result = await client.run(burst(`${base}/events/${eventId}/registrations`, REQUESTS, tag));
  const counted = add(totals.registrations, result);
  const db = await seats(dataSource, eventId);
  const overbooked = Math.max(0, db.confirmed - CAPACITY);
  totals.registrations.confirmed += db.confirmed;
  totals.registrations.waitlisted += db.waitlisted;
  totals.registrations.overbooked += overbooked;
  const answered = `${result.outcomes.confirmed ?? 0}/${result.outcomes.waitlisted ?? 0}`;
  const mismatch = answered !== `${db.confirmed}/${db.waitlisted}` ? ` (answers said ${answered})` : '';
  console.log(
    `  round ${round} ${line('registrations', counted.accepted, result.seconds, result.latencies)}  ` +
      `confirmed ${db.confirmed}, waitlisted ${db.waitlisted}${mismatch}, non-2xx ${counted.non2xx}, overbooked ${overbooked}` +
      `${counted.unanswered ? `, unanswered ${counted.unanswered}` : ''}; outbox ${db.emails} emails`,
  );
  if (db.other > 0) console.log(`    ${db.other} registrations neither confirmed nor waitlisted`);
  if (result.firstError) console.log(`    first non-201: ${result.firstError}`);
}

async function baselineRound({ client, base, totals }: Rounds, round: number, tag: string): Promise<void> {
  const result = await client.run(burst(`${base}${BASELINE_PATH}`, REQUESTS, tag));
  const counted = add(totals.baseline, result);
  console.log(
    `  round ${round} ${line('bare insert  ', counted.accepted, result.seconds, result.latencies)}  ` +
      `non-2xx ${counted.non2xx}${counted.unanswered ? `, unanswered ${counted.unanswered}` : ''}`,
  );
  if (result.firstError) console.log(`    first non-201: ${result.firstError}`);
}

/** Prints the totals over every round; whether a seat was overbooked or a request failed. */
function reportTotals({ registrations: r, baseline: b }: Rounds['totals']): boolean {
  let failed = false;
  const ratio = r.accepted / r.seconds / (b.accepted / b.seconds);
  console.log(
    `${line('POST /events/:id/registrations', r.accepted, r.seconds, r.latencies)}  (${r.accepted} accepted over ${ROUNDS} round${ROUNDS === 1 ? '' : 's'})`,
  );
  console.log(
    `${line('bare insert (same JSON)       ', b.accepted, b.seconds, b.latencies)}  (${b.accepted} accepted over ${ROUNDS} round${ROUNDS === 1 ? '' : 's'})`,
  );
  console.log(
    `confirmed ${r.confirmed}, waitlisted ${r.waitlisted}, non-2xx ${r.non2xx}, overbooked ${r.overbooked}` +
      ` (capacity ${CAPACITY} per event, ${ROUNDS} events)`,
  );
  console.log(`ratio registrations/bare insert ${ratio.toFixed(2)}  (goal >= ${GOAL}: ${ratio >= GOAL ? 'met' : 'NOT met'})`);
  if (r.overbooked > 0) {
    console.log(`FAIL: ${r.overbooked} seat(s) overbooked`);
    failed = true;
  }
  if (r.fivexx + b.fivexx > 0) {
    console.log(`FAIL: 5xx answers: registrations ${r.fivexx}, bare insert ${b.fivexx}`);
    failed = true;
  }
  if (r.unanswered + b.unanswered > 0) {
    console.log(`FAIL: requests without an answer: registrations ${r.unanswered}, bare insert ${b.unanswered}`);
    failed = true;
  }
  return failed;
}

async function main(): Promise<boolean> {
  const scratch = await ScratchPlenary.create();
  // Started first, so its thread has loaded this file before anything could rebuild dist/.
  const client = new LoadClient();
  try {
    const plenary = await scratch.start({ PLENARY_ROLE: 'api', PUBLIC_URL: 'http://localhost' });
    const base = plenary.url!;
    const dataSource = plenary.app.get(DataSource);
    await dataSource.query('CREATE TABLE bench_inserts (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body jsonb NOT NULL)');
    mountBaseline(plenary.app as NestExpressApplication, dataSource);
    const { token } = await api(base)<{ token: string }>('POST', '/auth/login', ADMIN);
    const rounds: Rounds = { client, base, token, dataSource, totals: { registrations: emptyTally(), baseline: emptyTally() } };
    await warmUp(rounds, scratch.prefix);

    const mode =
      CONCURRENCY >= REQUESTS
        ? `all ${REQUESTS} in flight at once (one socket each)`
        : `a pool of ${CONCURRENCY} in flight (keep-alive sockets)`;
    console.log(
      `burst of ${REQUESTS} POSTs per round, ${mode}; api role, ${CAPACITY}-seat event (a fresh one each round); ` +
        `${ROUNDS} round${ROUNDS === 1 ? '' : 's'}, alternating`,
    );
    for (let round = 1; round <= ROUNDS; round++) {
      await registrationRound(rounds, round, `r${round}-${scratch.prefix}`);
      await baselineRound(rounds, round, `r${round}-${scratch.prefix}`);
    }
    return reportTotals(rounds.totals);
  } finally {
    await client.close();
    await scratch.stop();
  }
}

if (isMainThread) {
  main().then(
    (failed) => process.exit(failed ? 1 : 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
