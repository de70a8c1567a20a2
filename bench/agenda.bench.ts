/**
 * bench:agenda — requests per second of the published agenda JSON of a
 * 500-session event, beside a trivial endpoint on the same server that sends
 * the same bytes from memory, as a ratio (goal: at least 0.5). Then the same
 * for the public programme grid page (`/e/:slug?view=grid`), and the grid
 * rendered on every request (its page cache bypassed) in the same run, to show
 * what rendering once per published version saves.
 *
 * Runs Plenary in this process (compiled dist/) against a fresh Postgres
 * database that it drops at the end; the load comes from a worker thread so
 * the client does not share the server's event loop. Traffic goes to
 * 127.0.0.1 only. Run with `npm run bench:agenda`.
 *
 * Env: TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres),
 * TEST_REDIS_URL (redis://127.0.0.1:6379), BENCH_SECONDS (5 per round),
 * BENCH_CONCURRENCY (20), BENCH_SESSIONS (500).
 */
import { join, resolve } from 'node:path';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { ADMIN, type Plenary, ScratchPlenary } from './support/scratch-plenary';

type PageCacheModule = typeof import('../src/web/programme-page-cache');

const ROUND_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 500);
const ROOMS = 10;
const DAYS = 3;
const PEOPLE = 200;
const GOAL = 0.5;

interface LoadRequest {
  url: string;
  headers?: Record<string, string>;
  seconds: number;
  concurrency: number;
  expectedBytes: number;
}

interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
}

// ---------------------------------------------------------------- load (worker thread)

async function runLoad(job: LoadRequest): Promise<LoadResult> {
  const deadline = performance.now() + job.seconds * 1000;
  const started = performance.now();
  let requests = 0;
  let errors = 0;
  const loop = async () => {
    while (performance.now() < deadline) {
      try {
        const response = await fetch(job.url, { headers: job.headers });
        const body = await response.arrayBuffer();
        if (response.status === 200 && body.byteLength === job.expectedBytes) requests += 1;
        else errors += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  return { requests, errors, seconds, perSecond: requests / seconds };
}

if (!isMainThread) {
  const port = parentPort!;
  port.on('message', (job: LoadRequest | 'exit') => {
    if (job === 'exit') {
      port.close();
      return;
    }
    void runLoad(job).then((result) => port.postMessage(result));
  });
}

class LoadClient {
  private readonly worker = new Worker(__filename, { workerData: null });

  run(job: LoadRequest): Promise<LoadResult> {
    return new Promise((resolveResult, reject) => {
      // One listener of each at a time: a run's error listener goes with its answer.
      this.worker.once('error', reject);
      this.worker.once('message', (result: LoadResult) => {
        this.worker.off('error', reject);
        resolveResult(result);
      });
      this.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage('exit');
    await this.worker.terminate();
  }
}

// ---------------------------------------------------------------- setup (main thread)

/** Runs `fn` over `items` with at most `limit` in flight. */
async function inParallel<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

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

const pad = (n: number) => String(n).padStart(2, '0');
const COUNTRIES = ['BE', 'CL', 'ES', 'PE', 'IT', 'BR', 'NL', 'AR', 'FR', 'MX', 'DE', 'CO'];

/** An event of DAYS days with SESSIONS sessions across ROOMS rooms, each with a chair and a paired presentation. */
async function createBigEvent(base: string): Promise<{ eventId: string; slug: string }> {
  const { token } = await api(base)<{ token: string }>('POST', '/auth/login', ADMIN);
  const call = api(base, token);
  const event = await call<{ id: string; slug: string }>('POST', '/events', {
    title: 'Bench: region-to-region forum',
    timezone: 'Europe/Brussels',
    startsAt: '2019-10-07T08:00',
    endsAt: `2019-10-${pad(7 + DAYS - 1)}T19:00`,
    venue: 'Brussels',
    defaultReminders: false,
  });
  const e = `/events/${event.id}`;
  const themes = await inParallel(
    ['Sustainability', 'Industry modernisation', 'Innovation policy', 'Territorial cooperation'],
    4,
    (name, i) => call<{ id: string }>('POST', `${e}/themes`, { name, colour: `#${(0x204060 + i * 0x1a1a1a).toString(16)}` }),
  );
  const rooms = await inParallel(
    Array.from({ length: ROOMS }, (_, i) => i),
    5,
    (i) => call<{ id: string }>('POST', `${e}/rooms`, { name: `Room ${String.fromCharCode(65 + i)}`, capacity: 40 + i * 10 }),
  );
  const people = await inParallel(
    Array.from({ length: PEOPLE }, (_, i) => i),
    8,
    (i) =>
      call<{ id: string }>('POST', `${e}/people`, {
        name: `Person ${i} Lastname`,
        email: `person${i}@bench.test`,
        organisation: `Regional Development Agency ${i % 40}`,
        organisationType: 'public_authority',
        region: `Región ${i % 20}`,
        countryCode: COUNTRIES[i % COUNTRIES.length],
      }),
  );
  const perRoomPerDay = Math.ceil(SESSIONS / (ROOMS * DAYS));
  const slots = Array.from({ length: SESSIONS }, (_, n) => {
    const room = n % ROOMS;
    const k = Math.floor(n / ROOMS);
    const day = Math.floor(k / perRoomPerDay);
    const slot = k % perRoomPerDay;
    const start = 8 * 60 + slot * 30;
    const end = start + 25;
    const date = `2019-10-${pad(7 + day)}`;
    return {
      n,
      room,
      date,
      start: `${date}T${pad(Math.floor(start / 60))}:${pad(start % 60)}`,
      end: `${date}T${pad(Math.floor(end / 60))}:${pad(end % 60)}`,
    };
  });
  await inParallel(slots, 8, async (slot) => {
    const session = await call<{ id: string }>('POST', `${e}/sessions`, {
      title: `Session ${slot.n}: joint results of a regional pairing`,
      kind: slot.n % 25 === 0 ? 'break' : 'presentations',
      description: 'Two regions present what their cooperation achieved, what they learned, and what comes next. '.repeat(2),
      startsAt: slot.start,
      endsAt: slot.end,
      roomId: rooms[slot.room].id,
      themeId: themes[slot.n % themes.length].id,
      chairs: [{ personId: people[slot.n % PEOPLE].id }],
    });
    await call('POST', `${e}/presentations`, {
      title: `Pairing ${slot.n}: internationalising a regional development strategy`,
      abstract: 'How a Latin American and a European region worked together on a smart specialisation strategy. '.repeat(3),
      sessionId: session.id,
      themeId: themes[slot.n % themes.length].id,
      purpose: 'Internationalise the regional development strategy.',
      results: 'Three pilot projects and a joint roadmap.',
      presenters: [
        { personId: people[(slot.n * 2 + 1) % PEOPLE].id, role: 'lead' },
        { personId: people[(slot.n * 2 + 2) % PEOPLE].id, role: 'co' },
      ],
    });
  });
  await call('POST', `${e}/publish`);
  await call('POST', `${e}/agenda/versions`, { note: 'Bench programme' });
  return { eventId: event.id, slug: event.slug };
}

/**
 * Mounts the baseline on the same Express app, just before the agenda route,
 * so both pass the same global middleware (request log, metrics, body
 * parser). A layer added after start would land behind Nest's not-found handler.
 */
function mountBaseline(app: NestExpressApplication, path: string, body: Buffer, contentType: string, contentEncoding?: string): void {
  const express = app.getHttpAdapter().getInstance() as {
    get(path: string, handler: (req: Request, res: Response, next: NextFunction) => void): void;
    router: { stack: Array<{ route?: { path?: string } }> };
  };
  express.get(path, (_req, res) => {
    res.setHeader('Content-Type', contentType);
    if (contentEncoding) res.setHeader('Content-Encoding', contentEncoding);
    res.setHeader('Content-Length', body.length);
    res.end(body);
  });
  const stack = express.router.stack;
  const layer = stack.pop()!;
  const agendaIndex = stack.findIndex((l) => l.route?.path === '/events/:eventId/agenda');
  if (agendaIndex < 0) throw new Error('the agenda route was not found in the Express stack');
  stack.splice(agendaIndex, 0, layer);
}

/**
 * Alternating rounds of each named load, twice, so drift in the machine
 * touches every one alike; `before` switches the server into that load's mode.
 * Requests per second over both rounds, by name.
 */
async function compare(
  client: LoadClient,
  concurrency: number,
  loads: Array<[string, LoadRequest, (() => void)?]>,
): Promise<Record<string, number>> {
  const totals: Record<string, { requests: number; seconds: number; errors: number }> = {};
  console.log(`${concurrency} concurrent requests, rounds of ${ROUND_SECONDS} s, alternating`);
  for (const round of [1, 2]) {
    for (const [name, load, before] of loads) {
      before?.();
      const result = await client.run(load);
      const total = (totals[name] ??= { requests: 0, seconds: 0, errors: 0 });
      total.requests += result.requests;
      total.seconds += result.seconds;
      total.errors += result.errors;
      console.log(
        `  round ${round} ${name.padEnd(9)} ${result.perSecond.toFixed(0).padStart(7)} req/s  (${result.requests} ok, ${result.errors} errors)`,
      );
    }
  }
  const errors = Object.entries(totals).filter(([, t]) => t.errors > 0);
  if (errors.length > 0) console.log(`errors: ${errors.map(([name, t]) => `${name} ${t.errors}`).join(', ')}`);
  return Object.fromEntries(Object.entries(totals).map(([name, t]) => [name, t.requests / t.seconds]));
}

/** GET /events/:id/agenda against a handler that answers its bytes from memory. */
async function benchAgenda(plenary: Plenary, client: LoadClient, agendaUrl: string, bytes: Buffer, contentType: string): Promise<void> {
  const base = plenary.url!;
  mountBaseline(plenary.app as NestExpressApplication, '/bench/baseline', bytes, contentType);
  const baselineUrl = `${base}/bench/baseline`;
  const check = Buffer.from(await (await fetch(baselineUrl)).arrayBuffer());
  if (!check.equals(bytes)) throw new Error('the baseline does not answer the agenda bytes');

  const job = (url: string, seconds: number): LoadRequest => ({ url, seconds, concurrency: CONCURRENCY, expectedBytes: bytes.length });
  // Warm-up: JIT, connection pools, the export cache.
  await client.run(job(agendaUrl, 1));
  await client.run(job(baselineUrl, 1));

  const agenda = await compare(client, CONCURRENCY, [
    ['agenda', job(agendaUrl, ROUND_SECONDS)],
    ['baseline', job(baselineUrl, ROUND_SECONDS)],
  ]);
  const ratio = agenda.agenda / agenda.baseline;
  console.log(`GET /events/:id/agenda  ${agenda.agenda.toFixed(0)} req/s`);
  console.log(`baseline (same bytes)   ${agenda.baseline.toFixed(0)} req/s`);
  console.log(`ratio agenda/baseline   ${ratio.toFixed(2)}  (goal >= ${GOAL}: ${ratio >= GOAL ? 'met' : 'NOT met'})`);
}

/** The public grid page as the browser asks for it (gzip): from the page cache, from memory, and rendered each time. */
async function benchGrid(plenary: Plenary, client: LoadClient, dist: string, slug: string): Promise<void> {
  const base = plenary.url!;
  const gridUrl = `${base}/e/${slug}?view=grid`;
  const gzip = { 'accept-encoding': 'gzip' };
  const page = await fetch(gridUrl, { headers: gzip });
  if (page.status !== 200) throw new Error(`GET the grid page answered ${page.status}`);
  const pageBytes = Buffer.from(await page.arrayBuffer());
  console.log(
    `grid page ${(pageBytes.length / 1024).toFixed(0)} KiB of HTML (${page.headers.get('content-encoding') ?? 'identity'} on the wire)`,
  );
  // Gzipped once here, as the page cache holds it: the baseline does no more work per request than memory to socket.
  mountBaseline(plenary.app as NestExpressApplication, '/bench/grid-baseline', gzipSync(pageBytes), 'text/html; charset=utf-8', 'gzip');
  const gridBaselineUrl = `${base}/bench/grid-baseline`;
  const cache = (plenary.app as NestExpressApplication).get(
    (require(join(dist, 'web', 'programme-page-cache.js')) as PageCacheModule).ProgrammePageCache,
    { strict: false },
  );
  const cachedGet = cache.get.bind(cache);
  const renderEachTime: typeof cache.get = async (key, render) => {
    const html = Buffer.from(await render(), 'utf8');
    return { body: html, gzipped: gzipSync(html), etag: `"p-each-${key.slice(0, 8)}"` };
  };
  const gridJob = (url: string, seconds: number): LoadRequest => ({
    url,
    seconds,
    concurrency: CONCURRENCY,
    expectedBytes: pageBytes.length,
    headers: gzip,
  });
  await client.run(gridJob(gridUrl, 1));
  await client.run(gridJob(gridBaselineUrl, 1));
  const grid = await compare(client, CONCURRENCY, [
    ['grid', gridJob(gridUrl, ROUND_SECONDS), () => (cache.get = cachedGet)],
    ['baseline', gridJob(gridBaselineUrl, ROUND_SECONDS), () => (cache.get = cachedGet)],
    ['grid-each', gridJob(gridUrl, ROUND_SECONDS), () => (cache.get = renderEachTime)],
  ]);
  cache.get = cachedGet;
  const gridRatio = grid.grid / grid.baseline;
  console.log(`GET /e/:slug?view=grid  ${grid.grid.toFixed(0)} req/s  (rendered once per published version)`);
  console.log(`baseline (same bytes)   ${grid.baseline.toFixed(0)} req/s`);
  console.log(`grid rendered each time ${grid['grid-each'].toFixed(0)} req/s`);
  console.log(`ratio grid/baseline     ${gridRatio.toFixed(2)}  (goal >= ${GOAL}: ${gridRatio >= GOAL ? 'met' : 'NOT met'})`);
  console.log(`ratio cached/each time  ${(grid.grid / grid['grid-each']).toFixed(1)}x`);
}

async function main(): Promise<void> {
  const dist = resolve(__dirname, '..');
  const scratch = await ScratchPlenary.create();
  // Started first, so its thread has loaded this file before anything could rebuild dist/.
  const client = new LoadClient();
  try {
    const plenary = await scratch.start();
    const base = plenary.url!;
    const setupStarted = performance.now();
    const { eventId, slug } = await createBigEvent(base);
    const agendaUrl = `${base}/events/${eventId}/agenda`;
    const first = await fetch(agendaUrl);
    if (first.status !== 200) throw new Error(`GET agenda answered ${first.status}`);
    const bytes = Buffer.from(await first.arrayBuffer());
    const sessions = (JSON.parse(bytes.toString('utf8')) as { days: Array<{ sessions: unknown[] }> }).days.reduce(
      (n, d) => n + d.sessions.length,
      0,
    );
    console.log(
      `event with ${sessions} sessions, ${ROOMS} rooms, ${DAYS} days ready in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s; ` +
        `agenda JSON ${(bytes.length / 1024).toFixed(0)} KiB`,
    );

    await benchAgenda(plenary, client, agendaUrl, bytes, first.headers.get('content-type') ?? 'application/json');
    await benchGrid(plenary, client, dist, slug);
  } finally {
    await client.close();
    await scratch.stop();
  }
}

if (isMainThread) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
