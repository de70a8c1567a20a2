import { resolve } from 'node:path';
import { z } from 'zod';
import { RedisAddress, envSchema } from './config.schema';

export type Role = 'all' | 'api' | 'worker';
export type QueueBackend = 'redis' | 'postgres';
export type { RedisAddress } from './config.schema';

/** Which Redis deployment the queue runs on; one of REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS. */
export type RedisTarget =
  | { mode: 'single'; url: string }
  /** Seed nodes; the client discovers the rest of the cluster from them. */
  | { mode: 'cluster'; nodes: RedisAddress[] }
  /** Entries' credentials and TLS are the data nodes'; the Sentinels have their own password. */
  | { mode: 'sentinel'; sentinels: RedisAddress[]; masterName: string; sentinelPassword?: string };

/** The typed, validated configuration every module reads; built once at boot. */
export interface AppConfig {
  role: Role;
  port: number;
  dataDir: string;
  logLevel: string;
  /** Base of the links in emails, without a trailing slash. */
  publicUrl: string;
  /**
   * PUBLIC_URL unset (role all only): `publicUrl` is set to the port actually
   * bound once HTTP listens, before any worker can put a link in an email.
   */
  publicUrlFollowsPort: boolean;
  admin: { email?: string; password?: string };
  database: {
    /** Unset means the embedded runtime: PGlite under `dataDir`. */
    url?: string;
    embedded: boolean;
    runMigrations: boolean;
  };
  queue: {
    backend: QueueBackend;
    /** Set when the backend is Redis. */
    redis?: RedisTarget;
    prefix: string;
    lockDurationMs: number;
    /** How long a request waits for the queue to take a job before leaving it to the sweep. */
    addTimeoutMs: number;
    sweepIntervalMs: number;
    /** How often a worker process records that it is alive; three missed beats count as gone. */
    heartbeatMs: number;
  };
  mail: {
    from: string;
    smtpUrl?: string;
    /** Where `.eml` files go when no SMTP server is configured. */
    fileDir: string;
    ratePerSecond: number;
    backoffBaseMs: number;
    attempts: number;
    concurrency: number;
    /** Shared secret of POST /webhooks/mail-events; the webhook is off without it. */
    webhookSecret?: string;
  };
  auth: {
    loginTtlMs: number;
    magicLinkTtlMs: number;
    /** How long after its event ends an attendee's or presenter's link still works. */
    linkAfterEventMs: number;
  };
  http: {
    rateLimitPerMinute: number;
    /** Express's `trust proxy`: which hops' X-Forwarded-For names the client. */
    trustProxy: boolean | number | string[];
  };
  /** `zipMaxBytes`: the largest download of every presentation's materials as one zip. */
  materials: { maxBytes: number; zipMaxBytes: number };
  /**
   * Days after an event ends before attendees' personal data is erased; 0 keeps it.
   * `letterDataDays`: days after it ends before visa letter requests (passport data) are deleted; 0 keeps them.
   */
  privacy: { anonymiseAfterDays: number; letterDataDays: number };
  /** How long after an event ends its report is compiled automatically. */
  reports: { delayMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map(describeIssue));
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  const problems: string[] = [];
  if (embedded && e.PLENARY_ROLE !== 'all') {
    problems.push(
      `PLENARY_ROLE=${e.PLENARY_ROLE} needs DATABASE_URL: the embedded database belongs to one process, so it only runs PLENARY_ROLE=all`,
    );
  }
  const redisChoices = (['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const).filter((name) => e[name] !== undefined);
  if (redisChoices.length > 1) {
    problems.push(`${redisChoices.join(' and ')}: set only one (single node, cluster or Sentinel)`);
  }
  if (e.REDIS_SENTINELS && !e.REDIS_SENTINEL_NAME) {
    problems.push('REDIS_SENTINELS needs REDIS_SENTINEL_NAME (the master name the Sentinels monitor)');
  }
  for (const name of ['REDIS_SENTINEL_NAME', 'REDIS_SENTINEL_PASSWORD'] as const) {
    if (e[name] !== undefined && !e.REDIS_SENTINELS) problems.push(`${name} needs REDIS_SENTINELS (host:port of each Sentinel)`);
  }
  if (e.QUEUE_BACKEND === 'redis' && redisChoices.length === 0) {
    problems.push('QUEUE_BACKEND=redis needs REDIS_URL (expected redis://host:port), REDIS_CLUSTER_NODES or REDIS_SENTINELS');
  }
  if (embedded && e.QUEUE_BACKEND === 'redis') {
    problems.push('QUEUE_BACKEND=redis needs DATABASE_URL: the embedded runtime always queues on its own database');
  }
  if (!e.PUBLIC_URL && e.PLENARY_ROLE !== 'all') {
    problems.push(
      `PLENARY_ROLE=${e.PLENARY_ROLE} needs PUBLIC_URL, the address people open the links in emails at (e.g. https://events.example.org): ` +
        'only PLENARY_ROLE=all, which serves HTTP and sends mail in one process, can take it from the port it serves',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const redis = redisTarget(e);
  const backend: QueueBackend = embedded ? 'postgres' : (e.QUEUE_BACKEND ?? (redis ? 'redis' : 'postgres'));
  const dataDir = resolve(e.PLENARY_DATA_DIR);
  return {
    role: e.PLENARY_ROLE,
    port: e.PORT,
    dataDir,
    logLevel: e.PLENARY_LOG_LEVEL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    publicUrlFollowsPort: !e.PUBLIC_URL,
    admin: { email: e.PLENARY_ADMIN_EMAIL, password: e.PLENARY_ADMIN_PASSWORD },
    database: { url: e.DATABASE_URL, embedded, runMigrations: e.MIGRATIONS_RUN },
    queue: {
      backend,
      redis: backend === 'redis' ? redis : undefined,
      prefix: e.QUEUE_PREFIX,
      lockDurationMs: e.PLENARY_QUEUE_LOCK_SECONDS * 1000,
      addTimeoutMs: Math.round(e.PLENARY_QUEUE_ADD_TIMEOUT_SECONDS * 1000),
      sweepIntervalMs: e.PLENARY_SWEEP_INTERVAL_SECONDS * 1000,
      heartbeatMs: Math.round(e.PLENARY_WORKER_HEARTBEAT_SECONDS * 1000),
    },
    mail: {
      from: e.MAIL_FROM,
      smtpUrl: e.SMTP_URL,
      fileDir: resolve(dataDir, 'mail'),
      ratePerSecond: e.SMTP_RATE_PER_SECOND,
      backoffBaseMs: Math.round(e.PLENARY_MAIL_BACKOFF_SECONDS * 1000),
      attempts: e.PLENARY_MAIL_ATTEMPTS,
      concurrency: e.PLENARY_MAIL_CONCURRENCY,
      webhookSecret: e.PLENARY_MAIL_WEBHOOK_SECRET,
    },
    auth: {
      loginTtlMs: e.PLENARY_LOGIN_TTL_HOURS * 3_600_000,
      magicLinkTtlMs: e.PLENARY_MAGIC_LINK_TTL_DAYS * 86_400_000,
      linkAfterEventMs: e.PLENARY_LINK_DAYS_AFTER_EVENT * 86_400_000,
    },
    http: { rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE, trustProxy: e.TRUST_PROXY },
    materials: { maxBytes: e.MATERIALS_MAX_BYTES, zipMaxBytes: e.PLENARY_MATERIALS_ZIP_MAX_BYTES },
    privacy: { anonymiseAfterDays: e.PLENARY_ANONYMISE_AFTER_DAYS, letterDataDays: e.PLENARY_LETTER_DATA_DAYS_AFTER_EVENT },
    reports: { delayMs: Math.round(e.PLENARY_REPORT_DELAY_MINUTES * 60_000) },
  };
}

function redisTarget(e: z.infer<typeof envSchema>): RedisTarget | undefined {
  if (e.REDIS_CLUSTER_NODES) return { mode: 'cluster', nodes: e.REDIS_CLUSTER_NODES };
  if (e.REDIS_SENTINELS && e.REDIS_SENTINEL_NAME) {
    return {
      mode: 'sentinel',
      sentinels: e.REDIS_SENTINELS,
      masterName: e.REDIS_SENTINEL_NAME,
      sentinelPassword: e.REDIS_SENTINEL_PASSWORD,
    };
  }
  if (e.REDIS_URL) return { mode: 'single', url: e.REDIS_URL };
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = issue.path.join('.');
  return `${name}: ${issue.message}`;
}
