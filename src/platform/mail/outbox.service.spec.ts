import { DataSource } from 'typeorm';
import { TestDatabase, createTestDatabase } from '../../../test/support/test-database';
import type { AppConfig } from '../../config/app-config';
import { createDataSource } from '../../data-source';
import type { TransactionService } from '../database/transaction.service';
import type { JobQueueService } from '../queue/job-queue.service';
import { EmailsRepository } from './emails.repository';
import type { MailSuppressionsRepository } from './mail-suppressions.repository';
import { OutboxService } from './outbox.service';

/** The outbox's statements against a real Postgres, without HTTP: what other modules' statements build on. */
describe('OutboxService against Postgres', () => {
  let db: TestDatabase;
  let data: DataSource;
  let outbox: OutboxService;
  let eventId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    data = await createDataSource(db.url).initialize();
    // The statement part opens no transaction, adds no job (its caller enqueues after commit) and lifts no suppression: none is reached here.
    outbox = new OutboxService(
      {} as AppConfig,
      new EmailsRepository(data),
      {} as MailSuppressionsRepository,
      {} as TransactionService,
      {} as JobQueueService,
    );
    [{ id: eventId }] = await db.query<{ id: string }>(
      `INSERT INTO events (slug, title, timezone, starts_at, ends_at)
       VALUES ('outbox-spec', 'Outbox', 'Europe/Brussels', '2019-10-08T07:00Z', '2019-10-09T15:30Z') RETURNING id`,
    );
    await db.query(`INSERT INTO mail_suppressions (event_id, address, reason) VALUES ($1, 'bounced@region.test', 'bounced')`, [eventId]);
  });

  afterAll(async () => {
    await data?.destroy();
    await db?.drop();
  });

  const write = (addresses: string[], dedupeKeys: string[]) =>
    db.query<{ id: string; status: string }>(
      `WITH message AS (
          SELECT gen_random_uuid() AS id, m.* FROM unnest($2::text[], $3::text[]) AS m(address, dedupe_key)
        ), mail AS (${outbox.insertPart({
          from: 'message m',
          fields: {
            id: 'm.id',
            eventId: '$1::uuid',
            kind: `'registration-confirmed'`,
            dedupeKey: 'm.dedupe_key',
            toAddress: 'm.address',
            toName: 'NULL',
            subject: `'You are registered'`,
            html: `'<p>Welcome</p>'`,
            text: `'Welcome'`,
            headers: `'{}'::jsonb`,
            attachments: `'[]'::jsonb`,
          },
        })})
        SELECT m.address, mail.status FROM mail JOIN message m ON m.id = mail.id ORDER BY m.address`,
      [eventId, addresses, dedupeKeys],
    );

  it('writes the emails of a larger statement as its part: queued, or held back for an address that bounced', async () => {
    expect(await write(['ana@region.test', 'Bounced@region.test'], ['spec:ana', 'spec:bounced'])).toEqual([
      { address: 'Bounced@region.test', status: 'cancelled' },
      { address: 'ana@region.test', status: 'queued' },
    ]);
    const [held] = await db.query<{ last_error: string; job_id: string; id: string }>(
      `SELECT id, job_id, last_error FROM emails WHERE dedupe_key = 'spec:bounced'`,
    );
    expect(held.last_error).toBe('not sent: the address bounced');
    expect(held.job_id).toBe(held.id);
  });

  it('adds nothing for a dedupe key already in the outbox', async () => {
    expect(await write(['ana@region.test'], ['spec:ana'])).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM emails WHERE dedupe_key = 'spec:ana'`);
    expect(n).toBe(1);
  });
});
