import { Agent, get } from 'node:http';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, testEnv } from '../support/test-app';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

describe('stopping the server while a browser polls it', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new SmtpSink().start();
  });

  afterAll(async () => {
    await smtp?.stop();
    await db?.drop();
  });

  it('finishes the stop once the poll in flight is answered, instead of serving the poller for ever', async () => {
    const app = await startTestApp({ ...testEnv(db.url, smtp.url), PLENARY_ROLE: 'api' });
    const { port } = new URL(app.plenary.url!);
    // One keep-alive connection polling back to back, as the queue dashboard and the report page do.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let answered = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const ok = await new Promise<boolean>((resolve) =>
          get({ host: '127.0.0.1', port, path: '/health', agent }, (response) => {
            response.resume();
            response.on('end', () => resolve(true));
          }).on('error', () => resolve(false)),
        );
        if (!ok) break;
        answered += 1;
      }
    })();
    await waitFor('the poller to be served', () => answered >= 3);

    const started = Date.now();
    await app.stop();
    const took = Date.now() - started;
    polling = false;
    await poller;
    agent.destroy();

    // Well inside the 10 s after which open connections are cut: the poller's connection was closed after its answer.
    expect(took).toBeLessThan(5_000);
  });
});
