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
  PLENARY_MAIL_WEBHOOK_SECRET: z.string().min(16, 'expected at least 16 characters').optional(),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  REDIS_URL: url(['redis', 'rediss']).optional(),
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  PUBLIC_URL: url(['http', 'https']).default('http://localhost:3000'),
  MAIL_FROM: z.string().min(3).default('Plenary <no-reply@plenary.localhost>'),
  QUEUE_BACKEND: z.enum(['redis', 'postgres'], { message: 'expected redis or postgres' }).optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'expected lower-case letters, digits and underscores, starting with a letter')
    .default('plenary'),
  MIGRATIONS_RUN: booleanFromEnv.default(true),
  MATERIALS_MAX_BYTES: positiveInt.default(100 * 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: nonNegativeInt.default(60),
  SMTP_RATE_PER_SECOND: nonNegativeInt.default(0),
  PLENARY_REPORT_DELAY_MINUTES: z.coerce.number({ message: 'expected a number of minutes' }).min(0, 'expected 0 or more').default(120),
});

export type Env = z.infer<typeof envSchema>;
