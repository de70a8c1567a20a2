import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { loadConfig } from '../../src/config/app-config';
import { RunningPlenary, startPlenary } from '../../src/plenary';
import { ResponseConformance } from './response-conformance';
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
  const http = request(plenary.url ?? 'http://127.0.0.1:1');
  const document = plenary.url ? (await http.get('/docs-json').expect(200)).body : null;
  return {
    plenary,
    http: document ? conforming(http, new ResponseConformance(document)) : http,
    stop: () => plenary.stop(),
  };
}

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** Every answer the tests receive is checked against the OpenAPI document before their own expectations. */
function conforming(http: TestApp['http'], conformance: ResponseConformance): TestApp['http'] {
  return new Proxy(http, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !VERBS.has(property) || typeof value !== 'function') return value;
      return (url: string, ...rest: unknown[]) => {
        const test = (value as (url: string, ...rest: unknown[]) => request.Test).call(target, url, ...rest);
        return test.expect((response) => conformance.check(property, url, response));
      };
    },
  });
}

/** Logs in and returns the bearer header value. */
export async function login(http: TestApp['http'], email: string, password: string): Promise<string> {
  const response = await http.post('/auth/login').send({ email, password }).expect(200);
  return `Bearer ${response.body.token as string}`;
}
