/**
 * bench:certificates — issuing and drawing the certificates of an event of
 * 100 and then of 1,000 attendees, each checked in on one or both days,
 * through the real paths: `POST /events/:id/certificates/runs` and its
 * `issue-certificates` job (certificates issued and emails written a batch
 * at a time, timed from the request to the run's `completed`), then every
 * certificate's PDF fetched from `/c/:code/certificate.pdf` (drawn on
 * request: the link every email carries), four at a time. Prints
 * certificates per second for both parts and the peak memory of the process
 * (RSS and V8 heap, sampled every 2 ms from before the run to the last PDF),
 * then the ratio peak@1000 / peak@100 (goal: at most 1.2, the work being
 * done in batches so memory stays flat). Exits non-zero when a run issues
 * another number of certificates than there are attendees, or a PDF is not one.
 *
 * Plenary runs in this process (compiled dist/, role `all`: the job, the mail
 * workers writing `.eml` files and the HTTP server are all measured) against
 * a fresh Postgres database dropped at the end, with its own BullMQ prefix on
 * Redis whose keys go at the end. A warm-up event of 20 goes first, not counted.
 *
 * Env: TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres),
 * TEST_REDIS_URL (redis://127.0.0.1:6379), BENCH_SIZES (100,1000),
 * BENCH_PDF_CONCURRENCY (4).
 */
import { DataSource } from 'typeorm';
import { ADMIN, ScratchPlenary } from './support/scratch-plenary';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);
const PDF_CONCURRENCY = Number(process.env.BENCH_PDF_CONCURRENCY ?? 4);
const WARM_UP = 20;
const MEMORY_GOAL = 1.2;

function api(base: string, token?: string) {
  return async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const count = (n: number) => n.toLocaleString('en-GB');

/** The highest RSS and heap of this process while `work` runs. */
async function peakOf<T>(work: () => Promise<T>): Promise<{ value: T; rss: number; heap: number }> {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const sampler = setInterval(sample, 2);
  try {
    const value = await work();
    sample();
    return { value, rss, heap };
  } finally {
    clearInterval(sampler);
  }
}

/** An event of `attendees` confirmed registrations, every one checked in on day 1, two in three on day 2 too. */
async function seed(db: DataSource, call: ReturnType<typeof api>, attendees: number): Promise<string> {
  const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10);
  const event = await call<{ id: string; days: string[] }>('POST', '/events', {
    title: `Region-to-region meeting (${count(attendees)} attendees)`,
    timezone: 'Europe/Brussels',
    startsAt: `${start}T09:00`,
    endsAt: `${end}T17:30`,
    venue: 'Brussels',
    defaultReminders: false,
  });
  await call('PUT', `/events/${event.id}/certificates/settings`, {
    intro: 'The European Committee of the Regions thanks every participant.',
    signatoryName: 'Marie Dubois',
    signatoryTitle: 'Head of Unit, Interregional Cooperation',
    issueMode: 'on_check_in',
  });
  await db.query(
    `INSERT INTO people (event_id, name, email, email_key, organisation, language)
     SELECT $1, 'Attendee ' || g, 'a' || g || '@bench.test', 'a' || g || '@bench.test', 'Organisation ' || (g % 50),
            (ARRAY['en', 'es', 'pt', 'fr'])[1 + g % 4]
       FROM generate_series(1, $2) g`,
    [event.id, attendees],
  );
  await db.query(
    `INSERT INTO registrations (event_id, person_id, status, check_in_code, source, confirmed_at)
     SELECT $1, id, 'confirmed', 'C' || lpad(row_number() OVER (ORDER BY id)::text, 8, '0'), 'import', now() FROM people WHERE event_id = $1`,
    [event.id],
  );
  await db.query(
    `INSERT INTO check_ins (event_id, registration_id, day)
     SELECT $1, r.id, d.day FROM registrations r CROSS JOIN unnest($2::date[]) WITH ORDINALITY AS d(day, n)
      WHERE r.event_id = $1 AND (d.n = 1 OR abs(hashtext(r.id::text)) % 3 > 0)`,
    [event.id, event.days],
  );
  await db.query('ANALYZE people, registrations, check_ins');
  return event.id;
}

interface Measured {
  size: number;
  runMs: number;
  pdfMs: number;
  pdfBytes: number;
  rss: number;
  heap: number;
  /** RSS and heap when the run was asked for, after a collection. */
  before: NodeJS.MemoryUsage;
}

async function measure(db: DataSource, base: string, call: ReturnType<typeof api>, size: number): Promise<Measured> {
  const eventId = await seed(db, call, size);
  (global as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const { value, rss, heap } = await peakOf(async () => {
    const started = performance.now();
    const run = await call<{ id: string; links: { self: string } }>('POST', `/events/${eventId}/certificates/runs`);
    let state: { status: string; done: number; total: number; error: string | null };
    for (;;) {
      state = await call('GET', run.links.self);
      if (state.status === 'completed' || state.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const runMs = performance.now() - started;
    if (state.status !== 'completed' || state.done !== size) {
      throw new Error(`the run of ${size} ended ${state.status} with ${state.done} of ${state.total} (${state.error ?? 'no error'})`);
    }
    const codes: string[] = (await db.query(`SELECT code FROM certificates WHERE event_id = $1 ORDER BY code`, [eventId])).map(
      (r: { code: string }) => r.code,
    );
    const pdfStarted = performance.now();
    let next = 0;
    let pdfBytes = 0;
    await Promise.all(
      Array.from({ length: PDF_CONCURRENCY }, async () => {
        while (next < codes.length) {
          const code = codes[next++];
          const response = await fetch(`${base}/c/${code}/certificate.pdf`);
          const body = Buffer.from(await response.arrayBuffer());
          if (!response.ok || body.subarray(0, 5).toString() !== '%PDF-') throw new Error(`certificate ${code}: ${response.status}`);
          pdfBytes += body.length;
        }
      }),
    );
    return { runMs, pdfMs: performance.now() - pdfStarted, pdfBytes };
  });
  return { size, ...value, rss, heap, before };
}

async function main(): Promise<void> {
  const scratch = await ScratchPlenary.create();
  try {
    const plenary = await scratch.start({ PLENARY_ROLE: 'all' });
    const base = plenary.url!;
    const db = plenary.app.get(DataSource);
    const { token } = await api(base)<{ token: string }>('POST', '/auth/login', ADMIN);
    const call = api(base, token);

    await measure(db, base, call, WARM_UP);
    const results: Measured[] = [];
    for (const size of SIZES) {
      const result = await measure(db, base, call, size);
      results.push(result);
      console.log(
        `${count(size).padStart(6)} certificates: run (issue + emails) ${(result.runMs / 1000).toFixed(2)} s, ${((size * 1000) / result.runMs).toFixed(0)} certificates/s; ` +
          `PDFs ${(result.pdfMs / 1000).toFixed(2)} s, ${((size * 1000) / result.pdfMs).toFixed(0)} certificates/s (${(result.pdfBytes / size / 1024).toFixed(0)} KB each); ` +
          `peak RSS ${mb(result.rss)}, peak heap ${mb(result.heap)} (at the start ${mb(result.before.rss)}, ${mb(result.before.heapUsed)})`,
      );
    }
    const [small, large] = [results[0], results[results.length - 1]];
    const rssRatio = large.rss / small.rss;
    const heapRatio = large.heap / small.heap;
    console.log(
      `peak RSS ${count(large.size)} / ${count(small.size)}: ${rssRatio.toFixed(2)} (goal <= ${MEMORY_GOAL}: ${rssRatio <= MEMORY_GOAL ? 'met' : 'NOT met'}); ` +
        `peak heap ${heapRatio.toFixed(2)}`,
    );
  } finally {
    await scratch.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
