import { QueryRunner } from 'typeorm';
import { LinksLastUntilAfterTheEvent1795740000001 } from '../../src/platform/database/migrations/1795740000001-LinksLastUntilAfterTheEvent';
import { attendee, createOpenEvent, daysFromNow } from '../support/future-event';
import { presenterTokenIn } from '../support/presenter-invitations';
import { registrationBearerIn } from '../support/registration-link';
import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';

const DAY = 86_400_000;

describe('links of attendees and presenters last until after their event', () => {
  // A week's lifetime from sending would end long before an event two months away.
  const ctx = useTestApp({ PLENARY_MAGIC_LINK_TTL_DAYS: '7', PLENARY_LINK_DAYS_AFTER_EVENT: '10' });
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  const expiryOf = async (subjectId: string) =>
    (await ctx.db.query(`SELECT expires_at FROM magic_link_tokens WHERE subject_id = $1 ORDER BY expires_at`, [subjectId])).map((row) =>
      new Date(row.expires_at as string).getTime(),
    );

  it('gives an early invitation and registration links that work until ten days after the event, and moves them with a postponement', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, {
      defaultReminders: false,
      startsAt: daysFromNow(60, '09:00'),
      endsAt: daysFromNow(61, '17:30'),
    });
    const ends = async () => new Date((await ctx.app.http.get(`/events/${event.id}`).set('Authorization', auth).expect(200)).body.endsAt);
    const email = `javier-${Date.now()}@piura.test`;
    const presentation = await ctx.app.http
      .post(`/events/${event.id}/presentations`)
      .set('Authorization', auth)
      .send({
        title: 'Cacao value chains in Piura',
        presenters: [{ name: 'Javier Bereche', email, organisation: 'Gobierno Regional Piura', region: 'Piura', countryCode: 'PE' }],
      })
      .expect(201);
    const invited = await ctx.app.http.post(`/presentations/${presentation.body.id}/invitations`).set('Authorization', auth).send({});
    const end = await ends();
    expect(new Date(invited.body.emailed[0].linkExpiresAt).getTime()).toBe(end.getTime() + 10 * DAY);
    const [invitation] = await ctx.smtp.waitForMail(email);
    const presenterAuth = `Bearer ${presenterTokenIn(invitation)}`;

    const body = attendee();
    const registered = await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    const [confirmation] = await ctx.smtp.waitForMail(body.email);
    expect(await expiryOf(registered.body.id)).toEqual([end.getTime() + 10 * DAY]);

    await ctx.app.http.get('/me/presentations').set('Authorization', presenterAuth).expect(200);
    // The presenter's page keeps the link in a cookie for as long as the link works, not a month from the visit.
    const visit = await ctx.app.http.get(`/presenter?token=${encodeURIComponent(presenterTokenIn(invitation))}`).expect(303);
    const maxAge = Number(/Max-Age=(\d+)/.exec(String(visit.headers['set-cookie']))?.[1]);
    expect(Math.abs(Date.now() + maxAge * 1000 - (end.getTime() + 10 * DAY))).toBeLessThan(60_000);
    // A link that had already run out before the postponement stays run out.
    const personId = invited.body.emailed[0].personId;
    await ctx.db.query(`UPDATE magic_link_tokens SET expires_at = now() - interval '1 day' WHERE subject_id = $1`, [personId]);
    await ctx.app.http
      .post(`/events/${event.id}/postpone`)
      .set('Authorization', auth)
      .send({ startsAt: daysFromNow(120, '09:00'), endsAt: daysFromNow(121, '17:30') })
      .expect(200);
    const newEnd = await ends();
    expect(newEnd.getTime()).toBeGreaterThan(end.getTime() + 50 * DAY);
    // The postponement notice brings a link of its own, minted for the new dates too.
    expect(new Set(await expiryOf(registered.body.id))).toEqual(new Set([newEnd.getTime() + 10 * DAY]));
    await ctx.app.http.get('/registrations/me').set('Authorization', registrationBearerIn(confirmation.text)).expect(200);
    await ctx.app.http.get('/me/presentations').set('Authorization', presenterAuth).expect(401);
  });

  it('extends, on upgrade, the live links minted before links lasted until after the event, and only those', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = attendee();
      ids.push((await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201)).body.id);
    }
    const [live, expired, revoked] = ids;
    // As the old rule minted them: a lifetime from sending that ends before the event.
    await ctx.db.query(`UPDATE magic_link_tokens SET expires_at = now() + interval '7 days' WHERE subject_id = ANY($1::uuid[])`, [ids]);
    await ctx.db.query(`UPDATE magic_link_tokens SET expires_at = now() - interval '1 day' WHERE subject_id = $1`, [expired]);
    await ctx.db.query(`UPDATE magic_link_tokens SET revoked_at = now() WHERE subject_id = $1`, [revoked]);
    const before = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await expiryOf(id)])));

    const runner = { query: (text: string, params?: unknown[]) => ctx.db.query(text, params) } as unknown as QueryRunner;
    await new LinksLastUntilAfterTheEvent1795740000001().up(runner);

    const end = new Date((await ctx.app.http.get(`/events/${event.id}`).set('Authorization', auth).expect(200)).body.endsAt).getTime();
    expect(await expiryOf(live)).toEqual([end + 30 * DAY]);
    expect(await expiryOf(expired)).toEqual(before[expired]);
    expect(await expiryOf(revoked)).toEqual(before[revoked]);
  });
});
