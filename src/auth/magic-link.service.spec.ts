import { DataSource } from 'typeorm';
import { TestDatabase, createTestDatabase } from '../../test/support/test-database';
import type { AppConfig } from '../config/app-config';
import { createDataSource } from '../data-source';
import { LoginSessionsRepository } from './login-sessions.repository';
import { MagicLinkService } from './magic-link.service';
import { MagicLinkTokensRepository } from './magic-link-tokens.repository';

const DAY = 86_400_000;

/** Auth's token statements against a real Postgres, without HTTP: what other modules' statements build on. */
describe('MagicLinkService against Postgres', () => {
  let db: TestDatabase;
  let data: DataSource;
  let links: MagicLinkService;

  beforeAll(async () => {
    db = await createTestDatabase();
    data = await createDataSource(db.url).initialize();
    const config = { publicUrl: 'http://plenary.test', auth: { magicLinkTtlMs: 30 * DAY, linkAfterEventMs: 7 * DAY } } as AppConfig;
    links = new MagicLinkService(config, new MagicLinkTokensRepository(data), new LoginSessionsRepository(data));
  });

  afterAll(async () => {
    await data?.destroy();
    await db?.drop();
  });

  it('writes the tokens of a larger statement as its part, and each prepared token then opens its subject', async () => {
    const subjects = [crypto.randomUUID(), crypto.randomUUID()];
    const prepared = subjects.map(() => links.prepare());
    const statement = `WITH opened AS (
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS o(subject_id, token_hash, expires_at)
      ), token AS (${links.insertTokensPart({
        from: 'opened o',
        fields: {
          subjectType: `'registration'`,
          subjectId: 'o.subject_id',
          eventId: 'NULL::uuid',
          tokenHash: 'o.token_hash',
          expiresAt: 'o.expires_at',
        },
      })} RETURNING subject_id)
      SELECT count(*)::int AS n FROM token`;
    const [{ n }] = await db.query<{ n: number }>(statement, [
      subjects,
      prepared.map((p) => p.tokenHash),
      prepared.map((p) => p.expiresAt),
    ]);

    expect(n).toBe(2);
    for (const [i, subject] of subjects.entries()) {
      expect(await links.verify(prepared[i].token)).toMatchObject({ subject: { type: 'registration', id: subject } });
    }
  });
});
