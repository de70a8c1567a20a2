import { isIP } from 'node:net';
import { z } from 'zod';

const booleanFromEnv = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' }))
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce
  .number({ message: 'expected a whole number' })
  .int('expected a whole number')
  .positive('expected a number above 0');
const nonNegativeInt = z.coerce.number({ message: 'expected a whole number' }).int('expected a whole number').min(0, 'expected 0 or more');

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}` },
  );

export interface RedisAddress {
  host: string;
  port: number;
  username?: string;
  password?: string;
  tls: boolean;
}

/** `host:port`, `redis://user:pass@host:port` or `rediss://…` (TLS). */
function parseRedisAddress(entry: string): RedisAddress | null {
  const withScheme = /^[a-z]+:\/\//i.test(entry) ? entry : `redis://${entry}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return null;
  }
  if (!['redis:', 'rediss:'].includes(parsed.protocol) || !parsed.hostname || !parsed.port) return null;
  if (parsed.pathname.length > 1 && parsed.pathname !== '/0') return null;
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    tls: parsed.protocol === 'rediss:',
  };
}

const redisAddressList = z.string().transform((value, context) => {
  const addresses: RedisAddress[] = [];
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const address = parseRedisAddress(entry);
    if (!address) {
      context.addIssue({
        code: 'custom',
        message: `"${entry.replace(/\/\/[^@/]*@/, '//…@')}" is not host:port, redis://[user:pass@]host:port or rediss://…`,
      });
      return z.NEVER;
    }
    addresses.push(address);
  }
  if (addresses.length === 0) {
    context.addIssue({ code: 'custom', message: 'expected at least one host:port' });
    return z.NEVER;
  }
  const [first] = addresses;
  if (addresses.some((a) => a.tls !== first.tls || a.username !== first.username || a.password !== first.password)) {
    // One client talks to every node with the same credentials and TLS setting.
    context.addIssue({ code: 'custom', message: 'expected every entry with the same scheme and credentials' });
    return z.NEVER;
  }
  return addresses;
});

const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Express's `trust proxy`: true/false, a hop count, or addresses, subnets
 * and the names loopback, linklocal, uniquelocal, comma-separated.
 */
const trustProxy = z.string().transform((value, context): boolean | number | string[] => {
  const text = value.trim().toLowerCase();
  if (['true', 'false'].includes(text)) return text === 'true';
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const invalid = entries.filter((entry) => !TRUST_PROXY_NAMES.has(entry) && !isAddressOrSubnet(entry));
  if (entries.length === 0 || invalid.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `expected true, false, a hop count, or addresses/subnets/loopback/linklocal/uniquelocal (not ${invalid.join(', ') || 'empty'})`,
    });
    return z.NEVER;
  }
  return entries;
});

function isAddressOrSubnet(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return isIP(bits) === 4 && version === 4;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * Every variable Plenary reads. Defaults live here and only here; `.env.example`
 * and the README's configuration table mirror this list.
 */
export const envSchema = z.object({
  PLENARY_ROLE: z.enum(['all', 'api', 'worker'], { message: 'expected all, api or worker' }).default('all'),
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535, 'expected a port number').default(3000),
  PLENARY_DATA_DIR: z.string().min(1).default('./data'),
  PLENARY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PLENARY_ADMIN_EMAIL: z.email({ message: 'expected an email address' }).optional(),
  PLENARY_ADMIN_PASSWORD: z.string().min(10, 'expected at least 10 characters').optional(),
  PLENARY_LOGIN_TTL_HOURS: positiveInt.default(168),
  PLENARY_MAGIC_LINK_TTL_DAYS: positiveInt.default(30),
  PLENARY_LINK_DAYS_AFTER_EVENT: nonNegativeInt.default(30),
  PLENARY_SWEEP_INTERVAL_SECONDS: positiveInt.default(60),
  PLENARY_QUEUE_LOCK_SECONDS: positiveInt.default(30),
  PLENARY_WORKER_HEARTBEAT_SECONDS: z.coerce
    .number({ message: 'expected a number of seconds' })
    .positive('expected a number above 0')
    .default(10),
  PLENARY_QUEUE_ADD_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'expected a number of seconds' })
    .positive('expected a number above 0')
    .default(2),
  PLENARY_MAIL_BACKOFF_SECONDS: z.coerce
    .number({ message: 'expected a number of seconds' })
    .positive('expected a number above 0')
    .default(30),
  PLENARY_MAIL_ATTEMPTS: positiveInt.default(8),
  PLENARY_MAIL_CONCURRENCY: positiveInt.default(4),
  PLENARY_ANONYMISE_AFTER_DAYS: nonNegativeInt.default(0),
  PLENARY_LETTER_DATA_DAYS_AFTER_EVENT: nonNegativeInt.default(30),
  PLENARY_MAIL_WEBHOOK_SECRET: z.string().min(16, 'expected at least 16 characters').optional(),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  REDIS_URL: url(['redis', 'rediss']).optional(),
  REDIS_CLUSTER_NODES: redisAddressList.optional(),
  REDIS_SENTINELS: redisAddressList.optional(),
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'expected the master name the Sentinels monitor')
    .optional(),
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  PUBLIC_URL: url(['http', 'https']).optional(),
  MAIL_FROM: z.string().min(3).default('Plenary <no-reply@plenary.localhost>'),
  QUEUE_BACKEND: z.enum(['redis', 'postgres'], { message: 'expected redis or postgres' }).optional(),
  QUEUE_PREFIX: z
    .string()
    .refine((value) => !/[{}]/.test(value), {
      // Braces around the whole prefix would put every queue in one hash slot.
      message: 'expected no braces: with REDIS_CLUSTER_NODES each queue is hash-tagged on its own (plenary:{mail}:…)',
      abort: true,
    })
    .regex(/^[a-z][a-z0-9_]*$/, 'expected lower-case letters, digits and underscores, starting with a letter')
    .default('plenary'),
  MIGRATIONS_RUN: booleanFromEnv.default(true),
  MATERIALS_MAX_BYTES: positiveInt.default(100 * 1024 * 1024),
  PLENARY_MATERIALS_ZIP_MAX_BYTES: positiveInt.default(2 * 1024 * 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: nonNegativeInt.default(60),
  TRUST_PROXY: trustProxy.default(false),
  SMTP_RATE_PER_SECOND: nonNegativeInt.default(0),
  PLENARY_REPORT_DELAY_MINUTES: z.coerce.number({ message: 'expected a number of minutes' }).min(0, 'expected 0 or more').default(120),
});

export type Env = z.infer<typeof envSchema>;
