/**
 * bench:fanout — one reminder to 10,000 confirmed attendees, from its due time
 * until an in-process SMTP server has a message for every one of them, as
 * messages per second, beside nodemailer's plain pooled send (sendMail) of the same 10,000
 * messages (one real reminder's subject, HTML, text and `.ics` attachment,
 * one message per recipient) to the same server in the same run, as a ratio (goal: at least
 * 0.6). Prints duplicates and missing recipients for both; either above 0
 * fails the run (exit 1).
 *
 * Plenary runs in this process (compiled dist/) in role `all` against a fresh
 * Postgres database that it drops at the end, with its own BullMQ prefix on
 * Redis whose keys it deletes at the end. With `--workers N` this process
 * serves only the api and N worker processes (dist/main.js, role `worker`)
 * do the work: the reminder is measured with one worker, then with N, and the
 * ratio of the two is printed beside the machine's cores. The SMTP server
 * (`smtp-server`, accepting everything, counting messages by their envelope
 * recipient) runs in a child process, so receiving shares neither Plenary's
 * event loop nor its CPU account; the nodemailer baseline is sent from this
 * process with the options Plenary's SMTP transport uses (pooled,
 * nodemailer's default 5 connections) and as many messages in flight as
 * Plenary's mail worker runs (PLENARY_MAIL_CONCURRENCY). Everything talks to
 * 127.0.0.1 only.
 *
 * CPU per delivered message is printed for each measured reminder, from the
 * rule's creation until every outbox row settled: Plenary's processes (from
 * process.cpuUsage and /proc), the Postgres backends of the run's database
 * (/proc of each backend pid) and the Redis server (INFO cpu: the whole
 * server, so other clients of a shared Redis count too).
 *
 * The attendees are written with two SQL statements through the app's
 * DataSource (people and their confirmed registrations, source `import`, the
 * rows the organiser entry writes, minus the confirmation emails), into an
 * event created through the API with `defaultReminders: false` and no
 * capacity. The reminder is a rule created through the API: anchor `fixed`,
 * a few seconds ahead, audience `confirmed`. A warm-up reminder to a small
 * event and a warm-up nodemailer send come first; the warm-up reminder is
 * also where the baseline's message content comes from.
 * Run with `npm run bench:fanout`.
 *
 * Env: TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres),
 * TEST_REDIS_URL (redis://127.0.0.1:6379), BENCH_RECIPIENTS (10000),
 * BENCH_MAIL_CONCURRENCY (10, PLENARY_MAIL_CONCURRENCY), BENCH_LEAD_SECONDS
 * (5: how far ahead the reminder is due), BENCH_TIMEOUT_SECONDS (300).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createTransport } from 'nodemailer';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { DataSource } from 'typeorm';
import { REDIS_URL, withAdmin } from './support/bench-services';
import { postgresBackendsCpuMs, postgresCpuSpentMs, processCpuMs, redisCpuMs } from './support/cpu-usage';
import { ADMIN, ScratchPlenary } from './support/scratch-plenary';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const MAIL_CONCURRENCY = Number(process.env.BENCH_MAIL_CONCURRENCY ?? 10);
const LEAD_MS = Number(process.env.BENCH_LEAD_SECONDS ?? 5) * 1000;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 300) * 1000;
const WARMUP_RECIPIENTS = 200;
const GOAL = 0.6;
const WORKER_CPU_GOAL_MS = 1.2;

// ---------------------------------------------------------------- SMTP sink (child process)

interface SinkStats {
  /** Messages accepted since the last reset. */
  messages: number;
  /** Distinct envelope recipients since the last reset. */
  distinct: number;
  bytes: number;
  /** Epoch ms of the first accepted message and of the last recipient seen for the first time. */
  firstAt: number;
  lastNewAt: number;
}

type SinkRequest = { id: number; type: 'reset' | 'stats' | 'counts' | 'stop' };

/** The parent's end of the sink process's IPC channel. */
const parentChannel = {
  postMessage: (message: unknown) => process.send!(message),
  on: (event: 'message', listener: (request: SinkRequest) => void) => process.on(event, listener),
  close: () => process.disconnect(),
};

function runSink(port: typeof parentChannel): void {
  let counts = new Map<string, number>();
  let stats: SinkStats = { messages: 0, distinct: 0, bytes: 0, firstAt: 0, lastNewAt: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      let size = 0;
      stream.on('data', (chunk: Buffer) => (size += chunk.length));
      stream.on('end', () => {
        const now = Date.now();
        stats.messages += 1;
        stats.bytes += size;
        if (!stats.firstAt) stats.firstAt = now;
        for (const rcpt of session.envelope.rcptTo) {
          const address = rcpt.address.toLowerCase();
          const seen = counts.get(address) ?? 0;
          counts.set(address, seen + 1);
          if (seen === 0) {
            stats.distinct += 1;
            stats.lastNewAt = now;
          }
        }
        callback();
      });
    },
  });
  server.on('error', (error) => port.postMessage({ id: -1, error: String(error) }));
  server.listen(0, '127.0.0.1', () => port.postMessage({ id: 0, port: (server.server.address() as AddressInfo).port }));
  port.on('message', (request: SinkRequest) => {
    switch (request.type) {
      case 'reset':
        counts = new Map();
        stats = { messages: 0, distinct: 0, bytes: 0, firstAt: 0, lastNewAt: 0 };
        return port.postMessage({ id: request.id });
      case 'stats':
        return port.postMessage({ id: request.id, stats });
      case 'counts':
        return port.postMessage({ id: request.id, counts: [...counts] });
      case 'stop':
        server.close(() => {
          port.postMessage({ id: request.id });
          port.close();
        });
    }
  });
}

const IS_SINK = process.env.FANOUT_BENCH_SINK === '1';
if (IS_SINK) runSink(parentChannel);

/** The sink's process (its CPU is not Plenary's), asked over messages. */
class Sink {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Record<string, unknown>) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (reply: { id: number; error?: string }) => {
      if (reply.id === -1) console.error(`SMTP sink error: ${reply.error}`);
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  static start(): Promise<Sink> {
    const child = fork(__filename, [], { env: { ...process.env, FANOUT_BENCH_SINK: '1' } });
    return new Promise((resolveSink, reject) => {
      child.once('error', reject);
      child.once('message', (reply: { port: number }) => resolveSink(new Sink(child, reply.port)));
    });
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?tls=off`;
  }

  private call<T>(type: SinkRequest['type']): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolveCall) => {
      this.waiting.set(id, resolveCall as (reply: Record<string, unknown>) => void);
      this.child.send({ id, type });
    });
  }

  async reset(): Promise<void> {
    await this.call('reset');
  }

  async stats(): Promise<SinkStats> {
    return (await this.call<{ stats: SinkStats }>('stats')).stats;
  }

  async counts(): Promise<Map<string, number>> {
    return new Map((await this.call<{ counts: Array<[string, number]> }>('counts')).counts);
  }

  async stop(): Promise<void> {
    await this.call('stop');
    this.child.kill();
  }
}

// ---------------------------------------------------------------- helpers (main thread)

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

function daysFromNow(days: number, time: string): string {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = TIMEOUT_MS,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LANGUAGES = ['en', 'es', 'pt', 'fr', null];

function addressesFor(tag: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `attendee${i}-${tag}@fanout.bench`);
}

/**
 * The people and confirmed registrations the organiser entry would write
 * (without its confirmation emails), in two statements: an event of 10,000
 * through HTTP would take the event's seat lock 10,000 times one after another.
 */
async function seedAttendees(db: DataSource, eventId: string, addresses: string[]): Promise<void> {
  const codes = new Set<string>();
  while (codes.size < addresses.length) {
    let code = '';
    for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    codes.add(code);
  }
  await db.transaction(async (manager) => {
    await manager.query(
      `WITH input AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(name, email, code, language)
       ), person AS (
         INSERT INTO people (event_id, name, email, email_key, organisation, organisation_type, region, country_code, language)
         SELECT $1, name, email, lower(email), 'Regional Development Agency ' || (length(email) % 40), 'public_authority', 'Piura', 'PE', language
           FROM input
         RETURNING id, email
       )
       INSERT INTO registrations (event_id, person_id, status, check_in_code, source, confirmed_at)
       SELECT $1, person.id, 'confirmed', input.code, 'import', now() FROM person JOIN input ON input.email = person.email`,
      [
        eventId,
        addresses.map((_, i) => `Attendee ${i} Lastname`),
        addresses,
        [...codes],
        addresses.map((_, i) => LANGUAGES[i % LANGUAGES.length]),
      ],
    );
  });
}

interface Tally {
  duplicates: number;
  missing: number;
  unexpected: number;
}

function tally(counts: Map<string, number>, expected: string[]): Tally {
  const wanted = new Set(expected);
  let duplicates = 0;
  let missing = 0;
  for (const address of expected) {
    const n = counts.get(address) ?? 0;
    if (n === 0) missing += 1;
    else duplicates += n - 1;
  }
  let unexpected = 0;
  for (const [address, n] of counts) if (!wanted.has(address)) unexpected += n;
  return { duplicates, missing, unexpected };
}

interface ReminderRun {
  dueAt: number;
  /** Epoch ms at which the sink had every recipient (or the last one that came). */
  completeAt: number;
  firstAt: number;
  fannedOutAt: number | null;
  messages: number;
  bytes: number;
  tally: Tally;
  statuses: Record<string, number>;
  cpu: CpuSpent;
}

interface RawRun {
  startedAt: number;
  completeAt: number;
  messages: number;
  bytes: number;
  tally: Tally;
  errors: number;
  firstError?: string;
}

const perSecond = (messages: number, ms: number) => (messages / (ms / 1000)).toFixed(0);

/** `--workers N`: Plenary's api in this process and N worker processes; without it, role `all` in this process. */
function workersFlag(): number {
  const at = process.argv.indexOf('--workers');
  if (at === -1) return 0;
  const n = Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--workers takes a whole number of at least 1, not ${process.argv[at + 1]}`);
  return n;
}

/** Worker-role processes from dist/main.js, with the same settings as the in-process api. */
class WorkerFleet {
  private readonly children: ChildProcess[] = [];

  constructor(private readonly env: Record<string, string>) {}

  get pids(): number[] {
    return this.children.map((child) => child.pid!);
  }

  async add(count: number): Promise<void> {
    const started = Array.from({ length: count }, () => {
      const child = spawn(process.execPath, [resolve(__dirname, '..', 'main.js')], {
        env: { PATH: process.env.PATH ?? '', ...this.env, PLENARY_ROLE: 'worker', PLENARY_LOG_LEVEL: 'info', MIGRATIONS_RUN: 'false' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      this.children.push(child);
      return new Promise<void>((resolveStarted, reject) => {
        let output = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          if (output.includes('"msg":"Plenary started"')) resolveStarted();
        });
        child.once('exit', (code) => reject(new Error(`a worker exited with ${code} before it started:\n${output}`)));
      });
    });
    await Promise.all(started);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolveStopped) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolveStopped();
            child.once('exit', () => resolveStopped());
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

interface CpuReading {
  self: number;
  workers: number;
  postgres: Map<number, number>;
  redis: number;
}

interface CpuSpent {
  /** This process: role `all`, or only the api with --workers. */
  self: number;
  workers: number;
  postgres: number;
  redis: number;
}

async function readCpu(database: string, fleet: WorkerFleet | null): Promise<CpuReading> {
  const usage = process.cpuUsage();
  return {
    self: (usage.user + usage.system) / 1000,
    workers: (fleet?.pids ?? []).reduce((sum, pid) => sum + processCpuMs(pid), 0),
    postgres: await withAdmin((admin) => postgresBackendsCpuMs(admin, database)),
    redis: await redisCpuMs(REDIS_URL),
  };
}

function cpuSpent(before: CpuReading, after: CpuReading): CpuSpent {
  return {
    self: after.self - before.self,
    workers: after.workers - before.workers,
    postgres: postgresCpuSpentMs(before.postgres, after.postgres),
    redis: after.redis - before.redis,
  };
}

function describeCpu(cpu: CpuSpent, delivered: number, workers: number): string {
  const per = (ms: number) => (ms / Math.max(1, delivered)).toFixed(2);
  const worker = workers === 0 ? cpu.self : cpu.workers;
  const total = cpu.self + cpu.workers + cpu.postgres + cpu.redis;
  const processes = workers === 0 ? `plenary (role all) ${per(cpu.self)}` : `workers ${per(cpu.workers)} + api ${per(cpu.self)}`;
  return (
    `CPU ms per delivered message: total ${per(total)} = ${processes} + postgres ${per(cpu.postgres)} + redis ${per(cpu.redis)} (whole server); ` +
    `worker ${per(worker)} (goal <= ${WORKER_CPU_GOAL_MS}: ${worker / Math.max(1, delivered) <= WORKER_CPU_GOAL_MS ? 'met' : 'NOT met'})`
  );
}

/** What every measured run drives: the API as the organiser, the database, the SMTP sink and the worker processes. */
interface Bench {
  call: ReturnType<typeof api>;
  db: DataSource;
  sink: Sink;
  database: string;
  fleet: WorkerFleet | null;
  /** Set when a run reaches too few recipients or some of them twice. */
  verdict: { failed: boolean };
}

/** The message the baseline sends: a real reminder's content. */
interface MailContent {
  subject: string;
  html: string;
  text: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

/** Waits for every reminder at the sink, then for every outbox row to settle; returns the sink's stats at the first. */
async function awaitReminders({ db, sink }: Bench, eventId: string, ruleId: string, count: number): Promise<SinkStats> {
  const done = await waitFor(`all ${count} reminders at the sink`, async () => {
    const stats = await sink.stats();
    return stats.distinct >= count ? stats : null;
  }).catch(async (error: Error) => {
    console.log(`  ${error.message}`);
    return sink.stats();
  });
  // Every row settled (sent, failed or cancelled), so a late duplicate would have been counted.
  await waitFor(
    'every outbox row to settle',
    async () => {
      const [row] = await db.query(`SELECT count(*)::int AS n FROM emails WHERE event_id = $1 AND status IN ('queued', 'sending')`, [
        eventId,
      ]);
      const [reminder] = await db.query(`SELECT state FROM scheduled_reminders WHERE rule_id = $1`, [ruleId]);
      return row.n === 0 && reminder.state === 'fanned_out';
    },
    done.distinct >= count ? TIMEOUT_MS : 1000,
    50,
  ).catch((error: Error) => console.log(`  ${error.message}`));
  return done;
}

/** A published event with no seat limit and no default rules, `count` attendees, and a reminder due LEAD_MS ahead. */
async function runReminder(bench: Bench, tag: string, count: number): Promise<{ run: ReminderRun; addresses: string[]; eventId: string }> {
  const { call, db, sink } = bench;
  const event = await call<{ id: string }>('POST', '/events', {
    title: 'EU–Latin America region-to-region meeting',
    timezone: 'Europe/Brussels',
    startsAt: daysFromNow(30, '09:00'),
    endsAt: daysFromNow(31, '17:30'),
    venue: 'Brussels',
    defaultReminders: false,
  });
  await call('POST', `/events/${event.id}/publish`);
  const addresses = addressesFor(tag, count);
  await seedAttendees(db, event.id, addresses);
  await sink.reset();
  const cpuBefore = await readCpu(bench.database, bench.fleet);
  const rule = await call<{ id: string; scheduled: Array<{ state: string; dueAt: string }> }>(
    'POST',
    `/events/${event.id}/reminder-rules`,
    {
      name: `Fan-out ${tag}`,
      anchor: 'fixed',
      fixedAt: new Date(Date.now() + LEAD_MS).toISOString(),
      offsetMinutes: 0,
      audience: 'confirmed',
    },
  );
  if (rule.scheduled[0]?.state !== 'pending') throw new Error(`the reminder was not scheduled: ${JSON.stringify(rule.scheduled)}`);
  const dueAt = new Date(rule.scheduled[0].dueAt).getTime();
  const done = await awaitReminders(bench, event.id, rule.id, count);
  const cpu = cpuSpent(cpuBefore, await readCpu(bench.database, bench.fleet));
  const stats = await sink.stats();
  const statuses: Record<string, number> = {};
  for (const row of await db.query(`SELECT status, count(*)::int AS n FROM emails WHERE event_id = $1 GROUP BY status`, [event.id])) {
    statuses[row.status] = row.n;
  }
  const [reminder] = await db.query(`SELECT fanned_out_at FROM scheduled_reminders WHERE rule_id = $1`, [rule.id]);
  return {
    eventId: event.id,
    addresses,
    run: {
      dueAt,
      completeAt: done.lastNewAt,
      firstAt: stats.firstAt,
      fannedOutAt: reminder.fanned_out_at ? new Date(reminder.fanned_out_at).getTime() : null,
      messages: stats.messages,
      bytes: stats.bytes,
      tally: tally(await sink.counts(), addresses),
      statuses,
      cpu,
    },
  };
}

/** The warm-up's first English reminder, as the outbox holds it. */
async function sampleReminder(db: DataSource, eventId: string): Promise<MailContent> {
  const [sample] = await db.query(
    `SELECT e.subject, e.html, e.text, e.attachments, e.to_name FROM emails e
      JOIN people p ON p.event_id = e.event_id AND p.email_key = lower(e.to_address)
     WHERE e.event_id = $1 AND e.kind = 'reminder' AND p.language = 'en' LIMIT 1`,
    [eventId],
  );
  return {
    subject: sample.subject as string,
    html: sample.html as string,
    text: sample.text as string,
    attachments: (sample.attachments as Array<{ filename: string; contentType: string; content: string }>).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content, 'base64'),
    })),
  };
}

/**
 * The baseline: nodemailer's pooled transport with Plenary's transport
 * options, as many messages in flight as Plenary's mail worker has. (Handing
 * nodemailer all 10,000 at once is slower: about 600/s against 1,000/s in a
 * probe, which would flatter the ratio.)
 */
async function rawSend(sink: Sink, content: MailContent, addresses: string[]): Promise<RawRun> {
  await sink.reset();
  const transporter = createTransport({
    pool: true,
    host: '127.0.0.1',
    port: sink.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const lane = async () => {
    while (next < addresses.length) {
      const i = next++;
      await transporter
        .sendMail({
          from: 'Plenary <no-reply@plenary.localhost>',
          to: { name: `Attendee ${i} Lastname`, address: addresses[i] },
          subject: content.subject,
          html: content.html,
          text: content.text,
          attachments: content.attachments,
          headers: { 'X-Plenary-Outbox-Id': randomUUID() },
        })
        .catch((error: unknown) => {
          errors += 1;
          firstError ??= String(error);
        });
    }
  };
  const startedAt = Date.now();
  await Promise.all(Array.from({ length: MAIL_CONCURRENCY }, lane));
  const stats = await waitFor(
    'the sink to count the raw sends',
    async () => {
      const s = await sink.stats();
      return s.distinct >= addresses.length - errors ? s : null;
    },
    5_000,
  ).catch(() => sink.stats());
  transporter.close();
  return {
    startedAt,
    completeAt: stats.lastNewAt,
    messages: stats.messages,
    bytes: stats.bytes,
    tally: tally(await sink.counts(), addresses),
    errors,
    firstError,
  };
}

/** The baseline's run to every recipient, printed; its milliseconds from first send to last recipient. */
async function measureBaseline(bench: Bench, content: MailContent, prefix: string, workers: number): Promise<number> {
  const shape = workers > 0 ? `role api in this process and worker processes (1, then ${workers})` : 'role all in this process';
  console.log(
    `one reminder to ${RECIPIENTS} confirmed attendees (seeded with SQL), due ${LEAD_MS / 1000} s after the rule is created; ` +
      `${shape}, PLENARY_MAIL_CONCURRENCY=${MAIL_CONCURRENCY}, SMTP_RATE_PER_SECOND=0; baseline: pooled nodemailer (5 connections), ${MAIL_CONCURRENCY} in flight; ` +
      `to smtp-server on 127.0.0.1 in a child process; ${WARMUP_RECIPIENTS}-recipient warm-up of both first; ${availableParallelism()} cores`,
  );
  const raw = await rawSend(bench.sink, content, addressesFor(`raw-${prefix}`, RECIPIENTS));
  const rawMs = raw.completeAt - raw.startedAt;
  console.log(
    `  nodemailer pooled   ${raw.messages} messages in ${(rawMs / 1000).toFixed(2)} s: ${perSecond(RECIPIENTS - raw.tally.missing, rawMs).padStart(5)} msg/s` +
      `  (${(raw.bytes / raw.messages / 1024).toFixed(1)} KiB/message)  duplicates ${raw.tally.duplicates}, missing ${raw.tally.missing}` +
      `${raw.errors ? `, send errors ${raw.errors} (first: ${raw.firstError})` : ''}`,
  );
  if (raw.tally.duplicates > 0 || raw.tally.missing > 0) {
    console.log(`FAIL: the baseline reached ${RECIPIENTS - raw.tally.missing} of ${RECIPIENTS} with ${raw.tally.duplicates} duplicate(s)`);
    bench.verdict.failed = true;
  }
  return rawMs;
}

/** One measured reminder, printed beside the baseline; its messages per second. */
async function measure(bench: Bench, rawMs: number, tag: string, label: string, workerCount: number): Promise<number> {
  const { run } = await runReminder(bench, tag, RECIPIENTS);
  const runMs = run.completeAt - run.dueAt;
  const delivered = RECIPIENTS - run.tally.missing;
  const since = (t: number | null) => (t === null || !t ? 'n/a' : `+${((t - run.dueAt) / 1000).toFixed(2)} s`);
  console.log(
    `  ${label.padEnd(19)} ${run.messages} messages in ${(runMs / 1000).toFixed(2)} s from due: ${perSecond(delivered, runMs).padStart(5)} msg/s` +
      `  (${(run.bytes / Math.max(1, run.messages) / 1024).toFixed(1)} KiB/message)  duplicates ${run.tally.duplicates}, missing ${run.tally.missing}`,
  );
  console.log(
    `    first message ${since(run.firstAt)}, fan-out finished ${since(run.fannedOutAt)}, last recipient ${since(run.completeAt)}; ` +
      `outbox ${JSON.stringify(run.statuses)}${run.tally.unexpected ? `; ${run.tally.unexpected} message(s) to other addresses` : ''}`,
  );
  console.log(`    ${describeCpu(run.cpu, delivered, workerCount)}`);
  const ratio = RECIPIENTS / runMs / (RECIPIENTS / rawMs);
  console.log(`    ratio plenary/nodemailer ${ratio.toFixed(2)}  (goal >= ${GOAL}: ${ratio >= GOAL ? 'met' : 'NOT met'})`);
  console.log(`    duplicates=${run.tally.duplicates} missing=${run.tally.missing}`);
  if (run.tally.duplicates > 0 || run.tally.missing > 0) {
    console.log(`FAIL: the reminder reached ${delivered} of ${RECIPIENTS} with ${run.tally.duplicates} duplicate(s)`);
    bench.verdict.failed = true;
  }
  return delivered / runMs;
}

/** Plenary's reminder in this process alone, or with one worker process and then with `workers`. */
async function measureReminders(bench: Bench, rawMs: number, prefix: string, workers: number): Promise<void> {
  if (workers === 0) {
    await measure(bench, rawMs, `r1-${prefix}`, 'plenary reminder', 0);
    return;
  }
  const one = await measure(bench, rawMs, `r1-${prefix}`, 'plenary, 1 worker', 1);
  if (workers > 1) {
    await bench.fleet!.add(workers - 1);
    await runReminder(bench, `warm2-${prefix}`, WARMUP_RECIPIENTS);
    const many = await measure(bench, rawMs, `r${workers}-${prefix}`, `plenary, ${workers} workers`, workers);
    console.log(
      `ratio ${workers} workers / 1 worker ${(many / one).toFixed(2)}  (goal >= 1.6 where cores allow; ${availableParallelism()} cores here, ` +
        `shared by the workers, the api, Postgres, Redis and the SMTP sink)`,
    );
  }
}

/** The settings the in-process api and the worker processes share: mail to the sink, unthrottled. */
function plenaryEnv(scratch: ScratchPlenary, sink: Sink): Record<string, string> {
  return scratch.env({
    SMTP_URL: sink.url,
    SMTP_RATE_PER_SECOND: '0',
    PLENARY_MAIL_CONCURRENCY: String(MAIL_CONCURRENCY),
    PUBLIC_URL: 'http://127.0.0.1:3000',
  });
}

async function main(): Promise<boolean> {
  const workers = workersFlag();
  const scratch = await ScratchPlenary.create();
  const { database, prefix } = scratch;
  const sink = await Sink.start();
  const env = plenaryEnv(scratch, sink);
  const fleet = workers > 0 ? new WorkerFleet(env) : null;
  const verdict = { failed: false };
  try {
    const plenary = await scratch.start({ ...env, PLENARY_ROLE: workers > 0 ? 'api' : 'all' });
    await fleet?.add(1);
    const base = plenary.url!;
    const { token } = await api(base)<{ token: string }>('POST', '/auth/login', ADMIN);
    const bench: Bench = { call: api(base, token), db: plenary.app.get(DataSource), sink, database, fleet, verdict };

    // Warm-up reminder: JIT, pools, SMTP connections; its first English reminder is the baseline's content.
    const warm = await runReminder(bench, `warm-${prefix}`, WARMUP_RECIPIENTS);
    if (warm.run.tally.missing > 0) throw new Error(`warm-up: ${warm.run.tally.missing} reminder(s) missing`);
    const content = await sampleReminder(bench.db, warm.eventId);
    await rawSend(sink, content, warm.addresses);

    const rawMs = await measureBaseline(bench, content, prefix, workers);
    await measureReminders(bench, rawMs, prefix, workers);
  } finally {
    await fleet?.stop();
    await scratch.stop();
    await sink.stop();
  }
  return verdict.failed;
}

if (!IS_SINK) {
  main().then(
    (failed) => process.exit(failed ? 1 : 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
