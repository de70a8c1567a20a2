/**
 * bench:report — compiling the post-event report of an event with 100,000
 * registrations, 1,000 sessions and 300,000 email rows, beside the very same
 * aggregate statements (src/reports/report-queries.ts) run directly with `pg`
 * in the same run, as a ratio (goal: at most 1.5). The compile is timed from
 * the job's claim to its stored result (reports.started_at → completed_at:
 * every statement, progress updates, assembling, rendering the page, storing
 * data and page, the "report ready" email), the direct run from the first
 * statement to the last row. Also prints the peak memory the compile adds to
 * this process, and its growth from an event of 10,000 registrations to one
 * of 100,000 (goal: less than 2×).
 *
 * Plenary runs in this process (compiled dist/, role `all`, so the compile
 * job runs here and its memory is measured here) against a fresh Postgres
 * database that it drops at the end, with its own BullMQ prefix on Redis whose
 * keys it deletes at the end. The events are created through the API; their
 * rows are written with generate_series through the app's DataSource: people
 * and registrations (confirmed, waitlisted, cancelled, promoted), check-ins on
 * both days, sessions over two days in ten rooms with themes, hosts and chairs,
 * one presentation of two presenters per session, materials, and three email
 * rows per registration. The agenda is published through the API twice (the
 * second version moves and cancels sessions). Each size is compiled once to
 * warm up, then compiles and direct runs alternate; medians are reported.
 * Exits non-zero when a report's counts differ from what was seeded.
 * Run with `npm run bench:report` (node --expose-gc, so the memory baseline is
 * taken after a collection).
 *
 * Env: TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres),
 * TEST_REDIS_URL (redis://127.0.0.1:6379), BENCH_REGISTRATIONS (100000),
 * BENCH_SMALL_REGISTRATIONS (10000), BENCH_SESSIONS (1000),
 * BENCH_EMAILS_PER_REGISTRATION (3), BENCH_ROUNDS (3).
 */
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ADMIN, ScratchPlenary } from './support/scratch-plenary';

type QueriesModule = typeof import('../src/reports/report-queries');
type TimeModule = typeof import('../src/platform/time/zoned-time');

const LARGE = Number(process.env.BENCH_REGISTRATIONS ?? 100_000);
const SMALL = Number(process.env.BENCH_SMALL_REGISTRATIONS ?? 10_000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const EMAILS_PER_REGISTRATION = Number(process.env.BENCH_EMAILS_PER_REGISTRATION ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROOMS = 10;
const REGISTRATION_BATCH = 2000;
const RATIO_GOAL = 1.5;
const MEMORY_GOAL = 2;
const DAY1 = '2026-10-06';
/** Kinds the seeded outbox rows take (Plenary's own change notices and report-ready emails come on top). */
const SEEDED_KINDS = [
  'registration-confirmed',
  'reminder',
  'reminder',
  'registration-waitlisted',
  'registration-promoted',
  'presenter-invitation',
  'announcement',
];
const DAY2 = '2026-10-07';

const dist = resolve(__dirname, '..');
const { EVENT_QUERY, reportQueries } = require(join(dist, 'reports', 'report-queries.js')) as QueriesModule;
const { localDatesBetween } = require(join(dist, 'platform', 'time', 'zoned-time.js')) as TimeModule;

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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const count = (n: number) => n.toLocaleString('en-GB');

interface Seeded {
  eventId: string;
  registrations: number;
  emails: number;
  sessionsHeld: number;
}

/** Bench statements, each timed and printed when BENCH_VERBOSE is set. */
type Db = { query(text: string, params?: unknown[]): Promise<any> };

function timedDb(source: DataSource): Db {
  return {
    async query(text: string, params: unknown[] = []) {
      const t0 = performance.now();
      const rows = await source.query(text, params);
      if (process.env.BENCH_VERBOSE)
        console.log(`  ${(performance.now() - t0).toFixed(0).padStart(7)} ms  ${text.trim().split('\n')[0].slice(0, 90)}`);
      return rows;
    },
  };
}

/** Attendees and their registrations and check-ins. */
async function seedAttendance(db: Db, id: string, registrations: number): Promise<void> {
  // Attendees and their registrations: 90 % confirmed (2 % of them promoted), 4 % waiting, 5 % cancelled, 1 % pending.
  await db.query(
    `INSERT INTO people (event_id, name, email, email_key, organisation, organisation_type, region, country_code)
     SELECT $1, 'Attendee ' || g, 'a' || g || '@bench.test', 'a' || g || '@bench.test', 'Organisation ' || (g % 500),
            (ARRAY['public_authority','university_research','business','ngo','international_organisation','other'])[1 + g % 6],
            (ARRAY['Region ','REGION ','region '])[1 + g % 3] || (g % 400),
            (ARRAY['BE','CL','PE','BR','CO','MX','AR','ES','IT','FR','DE','PT','NL','PL','FI','SE'])[1 + (g % 400) % 16]
       FROM generate_series(1, $2) g`,
    [id, registrations],
  );
  // Fresh statistics after each bulk insert, or the planner takes the new event's rows for one.
  await db.query('ANALYZE people');
  // In batches: the seat counter's trigger updates the event row once per confirmed registration,
  // and one statement updating the same row a hundred thousand times grows quadratically.
  for (let from = 1; from <= registrations; from += REGISTRATION_BATCH) {
    await db.query(
      `INSERT INTO registrations (event_id, person_id, status, check_in_code, source, confirmed_at, waitlisted_at, promoted_at, cancelled_at)
       SELECT $1, p.id, s.status, 'B' || lpad(p.n::text, 8, '0'), 'import',
              CASE WHEN s.status = 'confirmed' THEN now() END, CASE WHEN s.status = 'waitlisted' THEN now() END,
              CASE WHEN s.status = 'confirmed' AND p.n % 50 = 7 THEN now() END, CASE WHEN s.status = 'cancelled' THEN now() END
         FROM (SELECT id, substring(email from 2 for position('@' in email) - 2)::int AS n FROM people WHERE event_id = $1 AND email LIKE 'a%@bench.test') p
         CROSS JOIN LATERAL (SELECT CASE WHEN p.n % 100 < 90 THEN 'confirmed' WHEN p.n % 100 < 94 THEN 'waitlisted' WHEN p.n % 100 < 99 THEN 'cancelled' ELSE 'pending' END AS status) s
        WHERE p.n BETWEEN $2 AND $3`,
      [id, from, Math.min(registrations, from + REGISTRATION_BATCH - 1)],
    );
  }
  await db.query('ANALYZE registrations');
  await db.query(
    `INSERT INTO check_ins (event_id, registration_id, day)
     SELECT $1, r.id, d.day FROM registrations r
      CROSS JOIN (VALUES ($2::date, 80), ($3::date, 65)) AS d(day, share)
      WHERE r.event_id = $1 AND r.status = 'confirmed' AND abs(hashtext(r.id::text || d.day::text)) % 100 < d.share`,
    [id, DAY1, DAY2],
  );
}

/** The agenda: sessions, their presentations, presenters and chairs, and the presentations' materials. */
async function seedProgramme(db: Db, id: string, themes: string[], rooms: string[]): Promise<void> {
  // Sessions: half on each day, in ten rooms, ten minutes each; every 25th a break, every 10th hosted by a partner.
  await db.query(
    `INSERT INTO sessions (event_id, kind, title, theme_id, room_id, starts_at, ends_at, host_organisation)
     SELECT $1, CASE WHEN g % 25 = 0 THEN 'break' ELSE 'presentations' END, 'Session ' || g,
            CASE g % 3 WHEN 0 THEN NULL WHEN 1 THEN $2::uuid ELSE $3::uuid END, ($4::uuid[])[1 + g % ${ROOMS}],
            (CASE WHEN g < $5 / 2 THEN $6::date ELSE $7::date END + time '08:00' + make_interval(mins => 10 * ((g % ($5 / 2)) / ${ROOMS}))) AT TIME ZONE 'Europe/Brussels',
            (CASE WHEN g < $5 / 2 THEN $6::date ELSE $7::date END + time '08:10' + make_interval(mins => 10 * ((g % ($5 / 2)) / ${ROOMS}))) AT TIME ZONE 'Europe/Brussels',
            CASE WHEN g % 10 = 3 THEN 'Partner institution ' || (g % 3) END
       FROM generate_series(0, $5 - 1) g`,
    [id, themes[0], themes[1], rooms, SESSIONS, DAY1, DAY2],
  );
  // One presentation per session (breaks aside), with a lead and a partner presenter each; every fifth session chaired.
  await db.query(
    `INSERT INTO presentations (event_id, title, session_id, theme_id, position, status)
     SELECT $1, 'Pairing in ' || s.title, s.id, s.theme_id, 1, 'confirmed' FROM sessions s WHERE s.event_id = $1 AND s.kind <> 'break'`,
    [id],
  );
  await db.query(
    `INSERT INTO people (event_id, name, email, email_key, organisation, organisation_type, region, country_code)
     SELECT $1, 'Presenter ' || g, 'p' || g || '@bench.test', 'p' || g || '@bench.test', 'Regional agency ' || g, 'public_authority',
            'Presenting region ' || (g % 40), (ARRAY['CL','PE','BR','CO','MX','AR','ES','IT','FR','DE','PT','NL','BE','PL','FI','SE'])[1 + (g % 40) % 16]
       FROM generate_series(1, 2 * (SELECT count(*) FROM presentations WHERE event_id = $1)) g`,
    [id],
  );
  await db.query('ANALYZE people, presentations, sessions');
  await db.query(
    `WITH pres AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM presentations WHERE event_id = $1),
          presenters AS (SELECT id, substring(email from 2 for position('@' in email) - 2)::int AS n FROM people WHERE event_id = $1 AND email LIKE 'p%@bench.test')
     INSERT INTO presentation_presenters (presentation_id, person_id, role, position)
     SELECT pres.id, presenters.id, CASE WHEN presenters.n % 2 = 1 THEN 'lead' ELSE 'co' END, 1 - presenters.n % 2
       FROM pres JOIN presenters ON (presenters.n + 1) / 2 = pres.n`,
    [id],
  );
  await db.query(
    `WITH chaired AS (SELECT id, row_number() OVER (ORDER BY starts_at, id) AS n FROM sessions WHERE event_id = $1 AND kind <> 'break'),
          chairs AS (SELECT id, substring(email from 2 for position('@' in email) - 2)::int AS n FROM people WHERE event_id = $1 AND email LIKE 'p%@bench.test')
     INSERT INTO session_chairs (session_id, person_id, role, position)
     SELECT chaired.id, chairs.id, 'chair', 0 FROM chaired JOIN chairs ON chairs.n = chaired.n + 7 WHERE chaired.n % 5 = 0`,
    [id],
  );
  // Materials: 60 % before the deadline, 20 % after it, 20 % missing.
  await db.query(
    `INSERT INTO presentation_materials (presentation_id, event_id, version, storage_key, file_name, kind, content_type, size_bytes, sha256, uploaded_by, uploader_name, uploaded_at)
     SELECT p.id, $1::uuid, 1, $1::text || '/' || p.id || '/1', 'Joint results.pdf', 'pdf', 'application/pdf', 20480, md5(p.id::text), 'organiser', 'Bench',
            CASE WHEN abs(hashtext(p.id::text)) % 100 < 60 THEN timestamptz '${DAY1}T00:00:00+02:00' - interval '1 day' ELSE timestamptz '${DAY1}T00:00:00+02:00' + interval '1 hour' END
       FROM presentations p WHERE p.event_id = $1::uuid AND abs(hashtext(p.id::text)) % 100 < 80`,
    [id],
  );
}

/** Two published versions of the agenda, the second with sessions moved and cancelled. */
async function publishVersions(db: Db, call: ReturnType<typeof api>, id: string): Promise<void> {
  const base = `/events/${id}`;
  let t0 = performance.now();
  await call('POST', `${base}/agenda/versions`, { note: 'Programme' });
  if (process.env.BENCH_VERBOSE) console.log(`  ${(performance.now() - t0).toFixed(0).padStart(7)} ms  publish version 1`);
  // Version 2: forty sessions start five minutes later, twenty are cancelled.
  await db.query(
    `UPDATE sessions SET starts_at = starts_at + interval '5 minutes', ends_at = ends_at + interval '5 minutes'
      WHERE id IN (SELECT id FROM sessions WHERE event_id = $1 AND kind <> 'break' ORDER BY title LIMIT 40)`,
    [id],
  );
  await db.query(
    `UPDATE sessions SET status = 'cancelled' WHERE id IN (SELECT id FROM sessions WHERE event_id = $1 AND kind <> 'break' ORDER BY title DESC LIMIT 20)`,
    [id],
  );
  t0 = performance.now();
  await call('POST', `${base}/agenda/versions`, { note: 'Moves and cancellations' });
  if (process.env.BENCH_VERBOSE) console.log(`  ${(performance.now() - t0).toFixed(0).padStart(7)} ms  publish version 2`);
}

/** Returns the number of email rows seeded. */
async function seedOutbox(db: Db, id: string, registrations: number): Promise<number> {
  // The outbox: three rows per registration, mostly sent.
  const emails = registrations * EMAILS_PER_REGISTRATION;
  await db.query(
    `INSERT INTO emails (id, event_id, kind, dedupe_key, to_address, subject, html, text, job_id, status, sent_at, failed_at, bounced_at)
     SELECT u, $1::uuid, (ARRAY[${SEEDED_KINDS.map((k) => `'${k}'`).join(',')}])[1 + g % ${SEEDED_KINDS.length}],
            'bench:' || $1::text || ':' || g, 'a' || (g % $3 + 1) || '@bench.test', 'A message about the meeting', '<p>Dear attendee</p>', 'Dear attendee', u::text,
            st.status, CASE WHEN st.status = 'sent' OR st.status = 'bounced' THEN now() END, CASE WHEN st.status = 'failed' THEN now() END, CASE WHEN st.status = 'bounced' THEN now() END
       FROM (SELECT gen_random_uuid() AS u, g FROM generate_series(1, $2) g) x
       CROSS JOIN LATERAL (SELECT CASE WHEN g % 100 < 90 THEN 'sent' WHEN g % 100 < 93 THEN 'failed' WHEN g % 100 < 95 THEN 'bounced' ELSE 'cancelled' END AS status) st`,
    [id, emails, registrations],
  );
  return emails;
}

/** One event of `registrations` attendees, with the agenda, materials and outbox around them. */
async function seed(source: DataSource, call: ReturnType<typeof api>, registrations: number): Promise<Seeded> {
  const db = timedDb(source);
  const event = await call<{ id: string }>('POST', '/events', {
    title: `Region-to-region meeting (${count(registrations)} registrations)`,
    timezone: 'Europe/Brussels',
    startsAt: `${DAY1}T08:00`,
    endsAt: `${DAY2}T18:00`,
    venue: 'Brussels',
    materialsDueAt: `${DAY1}T00:00`,
    defaultReminders: false,
  });
  const id = event.id;
  const base = `/events/${id}`;
  const themes = [
    (await call<{ id: string }>('POST', `${base}/themes`, { name: 'Sustainability and innovation in natural resource management' })).id,
    (await call<{ id: string }>('POST', `${base}/themes`, { name: 'Industry modernisation and innovation' })).id,
  ];
  const rooms: string[] = [];
  for (let r = 0; r < ROOMS; r++) rooms.push((await call<{ id: string }>('POST', `${base}/rooms`, { name: `Room ${r + 1}` })).id);
  await seedAttendance(db, id, registrations);
  await seedProgramme(db, id, themes, rooms);
  await publishVersions(db, call, id);
  const emails = await seedOutbox(db, id, registrations);
  await call('POST', `${base}/outcomes`, { label: 'missions undertaken', value: '40' });
  await call('POST', `${base}/highlights`, {
    quote: 'It fits perfectly with the strategies of many regions of Europe.',
    attribution: 'Javier Bereche',
  });
  await db.query('ANALYZE');
  const [held] = await db.query(
    `SELECT count(*)::int AS n FROM sessions WHERE event_id = $1 AND kind <> 'break' AND status <> 'cancelled'`,
    [id],
  );
  return { eventId: id, registrations, emails, sessionsHeld: held.n };
}

/** The report's statements, straight through `pg`, as the compile runs them. */
async function direct(client: Client, eventId: string): Promise<number> {
  const started = performance.now();
  const { rows } = await client.query(EVENT_QUERY, [eventId]);
  const event = rows[0];
  const days = localDatesBetween(new Date(event.starts_at), new Date(event.ends_at), event.timezone).length;
  for (const query of reportQueries(event, days)) await client.query(query.text, query.params);
  return performance.now() - started;
}

interface CompileRun {
  jobMs: number;
  endToEndMs: number;
  /** Heap the compile added over the collected baseline, at its peak. */
  peakHeap: number;
  /** The whole process's resident set (Plenary included) at its peak while compiling. */
  peakRss: number;
  data: any;
}

/** Asks for a report through the API and samples this process's memory until it is stored. */
async function compile(db: DataSource, call: ReturnType<typeof api>, eventId: string): Promise<CompileRun> {
  (global as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sample = () => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  };
  const sampler = setInterval(sample, 2);
  const started = performance.now();
  try {
    const requested = await call<{ id: string }>('POST', `/events/${eventId}/reports`);
    for (;;) {
      const [row] = await db.query(
        `SELECT status, error, extract(epoch FROM completed_at - started_at) * 1000 AS job_ms FROM reports WHERE id = $1`,
        [requested.id],
      );
      if (row.status === 'failed') throw new Error(`the report failed: ${row.error}`);
      if (row.status === 'completed') {
        const endToEndMs = performance.now() - started;
        sample();
        const [stored] = await db.query(`SELECT data FROM reports WHERE id = $1`, [requested.id]);
        return { jobMs: Number(row.job_ms), endToEndMs, peakHeap: peakHeap - before.heapUsed, peakRss, data: stored.data };
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    clearInterval(sampler);
  }
}

function check(seeded: Seeded, data: any): string[] {
  const problems: string[] = [];
  if (data.registrations.total !== seeded.registrations)
    problems.push(`registrations ${data.registrations.total} != ${seeded.registrations}`);
  const seededKinds = new Set(SEEDED_KINDS);
  const emails = data.emails.byKind
    .filter((k: { kind: string }) => seededKinds.has(k.kind))
    .reduce((n: number, k: { total: number }) => n + k.total, 0);
  if (emails !== seeded.emails) problems.push(`emails of the seeded kinds ${emails} != ${seeded.emails}`);
  if (data.programme.sessionsHeld !== seeded.sessionsHeld)
    problems.push(`sessions held ${data.programme.sessionsHeld} != ${seeded.sessionsHeld}`);
  const confirmed = Math.floor(seeded.registrations / 100) * 90 + Math.min(seeded.registrations % 100, 90);
  if (data.registrations.byStatus.confirmed !== confirmed)
    problems.push(`confirmed ${data.registrations.byStatus.confirmed} != ${confirmed}`);
  return problems;
}

interface SizeResult {
  size: number;
  direct: number;
  job: number;
  endToEnd: number;
  heap: number;
  rss: number;
}

/** One seeded event's report: a warm-up checked against the seed, then ROUNDS of direct statements and compiles. */
async function measureSize(
  db: DataSource,
  client: Client,
  call: ReturnType<typeof api>,
  event: Seeded,
): Promise<{ result: SizeResult; failed: boolean }> {
  let failed = false;
  // Warm-up: one of each, not counted.
  await direct(client, event.eventId);
  const warm = await compile(db, call, event.eventId);
  const problems = check(event, warm.data);
  if (problems.length > 0) {
    console.log(`FAIL: the report of ${count(event.registrations)} registrations disagrees with the seed: ${problems.join('; ')}`);
    failed = true;
  }
  const directs: number[] = [];
  const jobs: number[] = [];
  const ends: number[] = [];
  const heaps: number[] = [];
  const rsss: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    directs.push(await direct(client, event.eventId));
    const run = await compile(db, call, event.eventId);
    jobs.push(run.jobMs);
    ends.push(run.endToEndMs);
    heaps.push(run.peakHeap);
    rsss.push(run.peakRss);
  }
  const result = {
    size: event.registrations,
    direct: median(directs),
    job: median(jobs),
    endToEnd: median(ends),
    heap: Math.max(...heaps),
    rss: Math.max(...rsss),
  };
  console.log(
    `${count(result.size).padStart(7)} registrations: direct ${ms(result.direct).padStart(7)}  compile ${ms(result.job).padStart(7)} ` +
      `(end to end ${ms(result.endToEnd)})  ratio ${(result.job / result.direct).toFixed(2)}  ` +
      `peak heap added ${mb(result.heap)}, peak process RSS ${mb(result.rss)}  [${ROUNDS} rounds: medians; memory: the largest]`,
  );
  return { result, failed };
}

/** The large event's compile against its direct statements, and the heap's growth from the small event to the large. */
function printGoals([small, large]: SizeResult[]): void {
  const ratio = large.job / large.direct;
  const growth = large.heap / Math.max(small.heap, 1);
  console.log(
    `ratio compile/direct at ${count(large.size)} registrations, ${count(SESSIONS)} sessions, ${count(large.size * EMAILS_PER_REGISTRATION)} emails: ` +
      `${ratio.toFixed(2)}  (goal <= ${RATIO_GOAL}: ${ratio <= RATIO_GOAL ? 'met' : 'NOT met'})`,
  );
  console.log(
    `peak heap added ${count(small.size)} -> ${count(large.size)} registrations: ${mb(small.heap)} -> ${mb(large.heap)}, growth ${growth.toFixed(2)}x ` +
      `(goal < ${MEMORY_GOAL}x: ${growth < MEMORY_GOAL ? 'met' : 'NOT met'}); peak process RSS ${mb(small.rss)} -> ${mb(large.rss)} (${(large.rss / small.rss).toFixed(2)}x)`,
  );
}

async function main(): Promise<boolean> {
  const scratch = await ScratchPlenary.create();
  const client = new Client({ connectionString: scratch.databaseUrl });
  let failed = false;
  try {
    const plenary = await scratch.start({ PLENARY_ROLE: 'all' });
    await client.connect();
    const base = plenary.url!;
    const db = plenary.app.get(DataSource);
    const { token } = await api(base)<{ token: string }>('POST', '/auth/login', ADMIN);
    const call = api(base, token);

    const sizes = [SMALL, LARGE];
    const seeded: Seeded[] = [];
    for (const size of sizes) {
      const t0 = performance.now();
      seeded.push(await seed(db, call, size));
      console.log(
        `seeded ${count(size)} registrations, ${count(SESSIONS)} sessions, ${count(size * EMAILS_PER_REGISTRATION)} email rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }

    const results: SizeResult[] = [];
    for (const event of seeded) {
      const measured = await measureSize(db, client, call, event);
      failed ||= measured.failed;
      results.push(measured.result);
    }
    printGoals(results);
  } finally {
    await client.end().catch(() => undefined);
    await scratch.stop();
  }
  return failed;
}

main().then(
  (failed) => process.exit(failed ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
