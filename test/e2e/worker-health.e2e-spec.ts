import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlenaryProcess, cleanEnv } from '../support/plenary-process';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN, TestApp, login, startTestApp, testEnv } from '../support/test-app';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const MAIN = resolve(__dirname, '../../dist/main.js');
const SWEEP_SECONDS = 1;

/**
 * Workers are seen through Postgres: their heartbeats and the maintenance
 * schedule. The api's /health keeps saying whether the api can serve; the
 * fleet endpoint and the worker health command say whether workers run.
 */
describe('worker health', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let env: Record<string, string>;
  let api: TestApp;
  let worker: PlenaryProcess | undefined;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    db = await createTestDatabase();
    smtp = await new SmtpSink().start();
    env = testEnv(db.url, smtp.url, {
      PLENARY_SWEEP_INTERVAL_SECONDS: String(SWEEP_SECONDS),
      PLENARY_WORKER_HEARTBEAT_SECONDS: '0.3',
    }) as Record<string, string>;
    api = await startTestApp({ ...env, PLENARY_ROLE: 'api' });
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  async function workerHealth(): Promise<{ code: number | null; text: string }> {
    const cli = new PlenaryProcess(cleanEnv(env), 'dist/cli/plenary-cli.js', ['worker-health', '--pid', String(worker?.pid ?? 0)]).start();
    const code = await cli.finished();
    return { code, text: cli.text };
  }

  it('answers 503 on /health/fleet before any worker was seen, while /health is 200', async () => {
    const fleet = await api.http.get('/health/fleet').expect(503);
    expect(fleet.body).toMatchObject({ status: 'degraded', problems: ['no worker has been seen'], workers: { alive: 0 } });
    const health = await api.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', workers: { alive: 0, lastHeartbeatAt: null } });
  });

  it('sees a live worker and its maintenance runs, on the endpoints, the dashboard and the health command', async () => {
    worker = new PlenaryProcess(cleanEnv({ ...env, PLENARY_ROLE: 'worker', PLENARY_LOG_LEVEL: 'info' })).start();
    const fleet = await waitFor('the fleet to be healthy', async () => {
      const response = await api.http.get('/health/fleet');
      return response.status === 200 && response.body.workers.maintenance.every((t: { lastFinishedAt: string | null }) => t.lastFinishedAt)
        ? response.body
        : null;
    });
    expect(fleet.workers.alive).toBe(1);
    expect(fleet.workers.maintenance.map((t: { task: string }) => t.task)).toEqual(
      expect.arrayContaining(['reconcile-outbox', 'sweep-reminders']),
    );
    const health = await api.http.get('/health').expect(200);
    expect(health.body.workers).toMatchObject({ alive: 1, lastHeartbeatAt: expect.any(String) });

    const token = (await login(api.http, ADMIN.email, ADMIN.password)).replace(/^Bearer /, '');
    const dashboard = await api.http.get('/dashboard').set('Cookie', `plenary_session=${token}`).expect(200);
    expect(dashboard.text).toContain('Worker processes alive: 1.');
    // The tasks by what they do, not by their keys.
    expect(dashboard.text).toContain('<td>Resend mail left behind</td>');
    expect(dashboard.text).not.toContain('reconcile-outbox');

    const check = await workerHealth();
    expect(check).toMatchObject({ code: 0, text: expect.stringContaining('worker alive') });
  });

  it('answers 503 within three sweep intervals after the last worker stops, keeps /health at 200, and fails the health command', async () => {
    await worker!.stop('SIGKILL');
    const stopped = Date.now();
    const fleet = await waitFor('the fleet endpoint to answer 503', async () => {
      const response = await api.http.get('/health/fleet');
      return response.status === 503 ? response.body : null;
    });
    expect(Date.now() - stopped).toBeLessThan(3 * SWEEP_SECONDS * 1000);
    expect(fleet.problems[0]).toMatch(/^no worker seen since /);
    await api.http.get('/health').expect(200);

    const check = await workerHealth();
    expect(check.code).toBe(1);
    expect(check.text).toContain('no live worker');
  });
});
