import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { loadConfig } from '../../src/config/app-config';
import { RunningPlenary, startPlenary } from '../../src/plenary';
import { TEST_REDIS_URL } from './test-env';

export const ADMIN = { email: 'admin@plenary.test', password: 'admin-password-1' };

/** Settings that make waits seconds instead of minutes, and the test's own queue prefix. */
export function testEnv(databaseUrl: string, smtpUrl: string, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    SMTP_URL: smtpUrl,
    QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    PORT: '0',
    PLENARY_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PLENARY_ADMIN_EMAIL: ADMIN.email,
    PLENARY_ADMIN_PASSWORD: ADMIN.password,
    PLENARY_QUEUE_LOCK_SECONDS: '2',
    PLENARY_SWEEP_INTERVAL_SECONDS: '1',
    PLENARY_MAIL_BACKOFF_SECONDS: '0.05',
    MIGRATIONS_RUN: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    PUBLIC_URL: 'http://plenary.test',
    ...overrides,
  };
}

export interface TestApp {
  plenary: RunningPlenary;
  http: ReturnType<typeof request>;
  stop(): Promise<void>;
}

export async function startTestApp(env: NodeJS.ProcessEnv): Promise<TestApp> {
  const plenary = await startPlenary(loadConfig(env));
  return {
    plenary,
    http: request(plenary.url ?? 'http://127.0.0.1:1'),
    stop: () => plenary.stop(),
  };
}

/** Logs in and returns the bearer header value. */
export async function login(http: TestApp['http'], email: string, password: string): Promise<string> {
  const response = await http.post('/auth/login').send({ email, password }).expect(200);
  return `Bearer ${response.body.token as string}`;
}
