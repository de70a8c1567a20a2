import { SmtpSink } from './smtp-sink';
import { TestApp, startTestApp, testEnv } from './test-app';
import { TestDatabase, createTestDatabase } from './test-database';

export interface TestContext {
  db: TestDatabase;
  smtp: SmtpSink;
  app: TestApp;
}

/**
 * The usual frame of an e2e file: its own database, an SMTP sink and the app
 * in role `all`, started before the file's tests and torn down after them.
 */
export function useTestApp(overrides: Record<string, string> = {}): TestContext {
  const context = {} as TestContext;
  beforeAll(async () => {
    context.db = await createTestDatabase();
    context.smtp = await new SmtpSink().start();
    context.app = await startTestApp(testEnv(context.db.url, context.smtp.url, overrides));
  });
  afterAll(async () => {
    await context.app?.stop();
    await context.smtp?.stop();
    await context.db?.drop();
  });
  return context;
}
