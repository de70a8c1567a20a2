import { attendee, createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

describe('announcements', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  const titled = (address: string, subject: string) => ctx.smtp.for(address).filter((m) => m.subject.startsWith(subject));

  it('is previewed with its recipients, sent once, carries List-Unsubscribe when optional and honours the opt-out', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const [a, b] = [attendee(), attendee()];
    for (const body of [a, b]) await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    const base = `/events/${event.id}/announcements`;

    const news = await ctx.app.http
      .post(base)
      .set('Authorization', auth)
      .send({ subject: 'Photos online', message: 'The photos of day one are online.', audience: 'confirmed' })
      .expect(201);
    expect(news.body).toMatchObject({ status: 'draft', optional: true });
    const preview = await ctx.app.http.get(`${base}/${news.body.id}/preview`).set('Authorization', auth).expect(200);
    expect(preview.body.recipients).toBe(2);
    expect(preview.body.message.subject).toBe(`Photos online — ${event.title}`);
    expect(ctx.smtp.for(a.email).filter((m) => m.subject.startsWith('Photos'))).toHaveLength(0);

    await ctx.app.http.post(`${base}/${news.body.id}/send`).set('Authorization', auth).expect(202);
    await ctx.app.http.post(`${base}/${news.body.id}/send`).set('Authorization', auth).expect(202);
    const [mail] = await waitFor('the announcement to A', () =>
      titled(a.email, 'Photos online').length ? titled(a.email, 'Photos online') : null,
    );
    const header = rawHeader(mail.parsed.headerLines, 'list-unsubscribe');
    expect(header).toMatch(/^<http:\/\/plenary\.test\/unsubscribe\?token=.+>$/);
    expect(rawHeader(mail.parsed.headerLines, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    await waitFor("B's announcement", () => titled(b.email, 'Photos online').length === 1);

    const token = decodeURIComponent(/token=([^>]+)>/.exec(header)![1]);
    await ctx.app.http
      .get(`/unsubscribe?token=${encodeURIComponent(token)}`)
      .expect(200)
      .expect(/Stop optional announcements/);
    await ctx.app.http
      .post(`/unsubscribe?token=${encodeURIComponent(token)}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    await ctx.app.http.post('/unsubscribe?token=plm_forged').expect(404);

    const more = await ctx.app.http
      .post(base)
      .set('Authorization', auth)
      .send({ subject: 'More photos', message: 'Day two too.', audience: 'confirmed' })
      .expect(201);
    const practical = await ctx.app.http
      .post(base)
      .set('Authorization', auth)
      .send({ subject: 'Room change', message: 'Day two is in Room B.', audience: 'confirmed', optional: false })
      .expect(201);
    expect((await ctx.app.http.get(`${base}/${more.body.id}/preview`).set('Authorization', auth).expect(200)).body.recipients).toBe(1);
    await ctx.app.http.post(`${base}/${more.body.id}/send`).set('Authorization', auth).expect(202);
    await ctx.app.http.post(`${base}/${practical.body.id}/send`).set('Authorization', auth).expect(202);
    await waitFor('the room change to reach A', () => titled(a.email, 'Room change').length === 1);
    await waitFor('both to be sent', async () => {
      const list = await ctx.app.http.get(base).set('Authorization', auth).expect(200);
      return list.body.items.every((x: { status: string }) => x.status === 'sent');
    });
    await waitFor(
      'every announcement mail to be sent',
      async () => (await ctx.db.query(`SELECT 1 FROM emails WHERE kind = 'announcement' AND status <> 'sent'`)).length === 0,
    );
    expect(titled(a.email, 'More photos')).toHaveLength(0);
    expect(titled(b.email, 'More photos')).toHaveLength(1);
    expect(titled(a.email, 'Photos online')).toHaveLength(1);
    expect(rawHeader(titled(a.email, 'Room change')[0].parsed.headerLines, 'list-unsubscribe')).toBe('');
  });
});

/** mailparser structures List-* headers; the raw line is what mail clients act on. */
function rawHeader(lines: ReadonlyArray<{ key: string; line: string }>, name: string): string {
  const line = lines.find((l) => l.key === name)?.line ?? '';
  return line.slice(line.indexOf(':') + 1).trim();
}
