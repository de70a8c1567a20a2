import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MagicLinkService } from '../../src/auth/magic-link.service';
import { useTestApp } from '../support/use-test-app';

/** The one token service attendees' and presenters' links will use (design.md "Magic links"). */
describe('magic links', () => {
  const ctx = useTestApp();
  let links: MagicLinkService;
  let dataSource: DataSource;

  beforeAll(async () => {
    links = ctx.app.plenary.app.get(MagicLinkService);
    dataSource = ctx.app.plenary.app.get(DataSource);
  });

  const registration = () => ({ type: 'registration' as const, id: randomUUID(), eventId: randomUUID() });

  it('issues at least 128 random bits, stores only a hash, and verifies to its subject', async () => {
    const subject = registration();
    const { token } = await links.issue(dataSource.manager, subject);
    expect(Buffer.from(token.replace(/^plm_/, ''), 'base64url').length).toBeGreaterThanOrEqual(16);
    const stored = await ctx.db.query<{ token_hash: string }>('SELECT token_hash FROM magic_link_tokens WHERE subject_id = $1', [
      subject.id,
    ]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token.slice(4));
    const verified = await links.verify(token);
    expect(verified?.subject).toEqual({ type: 'registration', id: subject.id, eventId: subject.eventId });
    expect(await links.verify(`${token}x`)).toBeNull();
  });

  it('keeps earlier tokens valid when a new one is minted, and revokes all of a subject at once', async () => {
    const subject = registration();
    const other = registration();
    const first = await links.issue(dataSource.manager, subject);
    const second = await links.issue(dataSource.manager, subject);
    const unrelated = await links.issue(dataSource.manager, other);
    expect(await links.verify(first.token)).not.toBeNull();
    expect(await links.verify(second.token)).not.toBeNull();

    expect(await links.revokeAll(subject)).toBe(2);
    expect(await links.verify(first.token)).toBeNull();
    expect(await links.verify(second.token)).toBeNull();
    expect(await links.verify(unrelated.token)).not.toBeNull();
  });

  it('expires', async () => {
    const { token } = await links.issue(dataSource.manager, registration(), -1000);
    const expired = await links.verify(token);
    expect(expired).toBeNull();
  });

  it('works as a bearer token, but not on organiser endpoints (403), and a dead one answers 401', async () => {
    const subject = registration();
    const { token } = await links.issue(dataSource.manager, subject);
    const forbidden = await ctx.app.http.get('/events').set('Authorization', `Bearer ${token}`).expect(403);
    expect(forbidden.body.detail).toMatch(/organiser login/);
    await links.revokeAll(subject);
    await ctx.app.http.get('/events').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('lets a subject be re-sent a link at most once a minute, even when asked twice at the same moment', async () => {
    const subject = registration();
    const answers = await Promise.all([links.claimResend(subject), links.claimResend(subject), links.claimResend(subject)]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await links.claimResend(subject)).toBe(false);
    expect(await links.claimResend(registration())).toBe(true);
  });

  it('builds links under PUBLIC_URL', () => {
    expect(links.link('/my-registration', 'plm_abc')).toBe('http://plenary.test/my-registration?token=plm_abc');
  });
});
