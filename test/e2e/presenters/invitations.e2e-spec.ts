import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MagicLinkService } from '../../../src/auth/magic-link.service';
import { presenterTokenIn } from '../../support/presenter-invitations';
import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

describe('presenter invitations', () => {
  const ctx = useTestApp();
  let auth: string;
  let seed: Awaited<ReturnType<typeof createSeedMeeting>>;
  const bearer = (token: string) => `Bearer ${token}`;
  const ignacio = 'ignacio.tello@ohiggins.test';
  const marta = 'marta.ruiz@andalucia.test';
  const javier = 'javier.bereche@piura.test';
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    seed = await createSeedMeeting(ctx.app.http, auth);
  });

  const personId = (email: string) =>
    [seed.presentations.ohiggins, seed.presentations.piura]
      .flatMap((p) => p.presenters as Array<{ personId: string; email: string }>)
      .find((p) => p.email === email)!.personId;

  it('emails each presenter an [Action required] link through SMTP, and the token opens their presentation', async () => {
    const invited = await ctx.app.http
      .post(`/presentations/${seed.presentations.ohiggins.id}/invitations`)
      .set('Authorization', auth)
      .send({})
      .expect(201);
    expect(invited.body.emailed.map((e: { email: string }) => e.email).sort()).toEqual([ignacio, marta]);
    expect(invited.body.skipped).toEqual([]);

    for (const email of [ignacio, marta]) {
      const [mail] = await ctx.smtp.waitForMail(email);
      expect(mail.subject).toMatch(/^\[Action required\] /);
      expect(mail.subject).toContain('IUC region-to-region meeting');
      expect(mail.text).toContain(seed.presentations.ohiggins.title);
      expect(mail.text).toMatch(/http:\/\/plenary\.test\/presenter\?token=plm_/);
      expect(mail.html).toContain('http://plenary.test/presenter?token=plm_');
      tokens[email] = presenterTokenIn(mail);
    }
    expect(ctx.smtp.for(marta)[0].text).toContain('Ignacio Tello');

    const portal = await ctx.app.http.get('/me/presentations').set('Authorization', bearer(tokens[ignacio])).expect(200);
    expect(portal.body.me).toMatchObject({ personId: personId(ignacio), name: 'Ignacio Tello' });
    expect(portal.body.items).toHaveLength(1);
    expect(portal.body.items[0]).toMatchObject({
      id: seed.presentations.ohiggins.id,
      myRole: 'lead',
      myInvitation: { status: 'invited', invitationsSent: 1 },
    });

    const states = await ctx.app.http
      .get(`/presentations/${seed.presentations.ohiggins.id}/invitations`)
      .set('Authorization', auth)
      .expect(200);
    expect(states.body.items.map((p: { email: string; status: string }) => [p.email, p.status])).toEqual([
      [ignacio, 'invited'],
      [marta, 'invited'],
    ]);
    const outbox = await ctx.app.http.get(`${seed.base}/emails?kind=presenter-invitation`).set('Authorization', auth).expect(200);
    expect(outbox.body.items).toHaveLength(2);
  });

  it('re-sends at most once a minute per presenter, each time with a new token that leaves the earlier one valid', async () => {
    const again = await ctx.app.http
      .post(`/presentations/${seed.presentations.ohiggins.id}/invitations`)
      .set('Authorization', auth)
      .send({})
      .expect(201);
    expect(again.body.emailed).toEqual([]);
    expect(again.body.skipped.map((s: { name: string; reason: string }) => [s.name, s.reason])).toEqual([
      ['Ignacio Tello', 'emailed_recently'],
      ['Marta Ruiz', 'emailed_recently'],
    ]);
    const tokenRows = await ctx.db.query(`SELECT id FROM magic_link_tokens WHERE subject_type = 'presenter' AND subject_id = $1`, [
      personId(ignacio),
    ]);
    expect(tokenRows).toHaveLength(1);

    // A minute later, as far as the once-a-minute rule can tell.
    await ctx.db.query(`UPDATE magic_link_resends SET last_sent_at = now() - interval '2 minutes' WHERE subject_id = $1`, [
      personId(ignacio),
    ]);
    const resent = await ctx.app.http
      .post(`/presentations/${seed.presentations.ohiggins.id}/invitations`)
      .set('Authorization', auth)
      .send({ personIds: [personId(ignacio)] })
      .expect(201);
    expect(resent.body.emailed.map((e: { email: string }) => e.email)).toEqual([ignacio]);
    const mails = await ctx.smtp.waitForMail(ignacio, 2);
    const second = presenterTokenIn(mails[1]);
    expect(second).not.toBe(tokens[ignacio]);
    await ctx.app.http.get('/me/presentations').set('Authorization', bearer(second)).expect(200);
    await ctx.app.http.get('/me/presentations').set('Authorization', bearer(tokens[ignacio])).expect(200);
    const states = await ctx.app.http
      .get(`/presentations/${seed.presentations.ohiggins.id}/invitations`)
      .set('Authorization', auth)
      .expect(200);
    expect(states.body.items.find((p: { email: string }) => p.email === ignacio).invitationsSent).toBe(2);

    const stranger = await ctx.app.http
      .post(`/presentations/${seed.presentations.ohiggins.id}/invitations`)
      .set('Authorization', auth)
      .send({ personIds: [personId(javier)] })
      .expect(400);
    expect(stranger.body.errors).toEqual([{ field: 'personIds[0]', message: 'not a presenter of this presentation' }]);
  });

  it('lets a presenter decline and then confirm, and shows organisers each answer', async () => {
    const declined = await ctx.app.http
      .post(`/presentations/${seed.presentations.ohiggins.id}/decline`)
      .set('Authorization', bearer(tokens[marta]))
      .send({ reason: 'Travel is not yet approved' })
      .expect(200);
    expect(declined.body.myInvitation).toMatchObject({ status: 'declined', declineReason: 'Travel is not yet approved' });
    let states = await ctx.app.http
      .get(`/presentations/${seed.presentations.ohiggins.id}/invitations`)
      .set('Authorization', auth)
      .expect(200);
    expect(states.body.items.find((p: { email: string }) => p.email === marta)).toMatchObject({ status: 'declined' });

    const confirmed = await ctx.app.http
      .post(`/presentations/${seed.presentations.ohiggins.id}/confirm`)
      .set('Authorization', bearer(tokens[marta]))
      .expect(200);
    expect(confirmed.body.myInvitation).toMatchObject({ status: 'confirmed', declineReason: null });
    expect(confirmed.body.myInvitation.respondedAt).toMatch(/\+0[12]:00$/);
    states = await ctx.app.http.get(`/presentations/${seed.presentations.ohiggins.id}/invitations`).set('Authorization', auth).expect(200);
    expect(states.body.items.map((p: { email: string; status: string }) => [p.email, p.status])).toEqual([
      [ignacio, 'invited'],
      [marta, 'confirmed'],
    ]);
  });

  it("keeps a presenter's token to their own presentations and off organiser and registration endpoints", async () => {
    const piura = await ctx.app.http
      .post(`/presentations/${seed.presentations.piura.id}/invitations`)
      .set('Authorization', auth)
      .send({})
      .expect(201);
    expect(piura.body.emailed).toHaveLength(2);
    const [mail] = await ctx.smtp.waitForMail(javier);
    const presenterB = bearer(presenterTokenIn(mail));
    const presenterA = bearer(tokens[marta]);

    const mine = await ctx.app.http.get('/me/presentations').set('Authorization', presenterB).expect(200);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([seed.presentations.piura.id]);

    const other = seed.presentations.piura.id;
    await ctx.app.http.patch(`/presentations/${other}`).set('Authorization', presenterA).send({ purpose: 'Hijacked' }).expect(404);
    await ctx.app.http.post(`/presentations/${other}/confirm`).set('Authorization', presenterA).expect(404);
    await ctx.app.http.get(`/presentations/${other}/materials`).set('Authorization', presenterA).expect(404);
    await ctx.app.http
      .post(`/presentations/${other}/materials`)
      .set('Authorization', presenterA)
      .attach('file', Buffer.from('%PDF-1.4\n'), { filename: 'x.pdf', contentType: 'application/pdf' })
      .expect(404);
    const untouched = await ctx.app.http.get(`${seed.base}/presentations/${other}`).set('Authorization', auth).expect(200);
    expect(untouched.body.sections.purpose).toBeNull();

    for (const [method, path] of [
      ['get', seed.base],
      ['get', `${seed.base}/presentations`],
      ['get', `${seed.base}/presentations?materials=missing`],
      ['get', `${seed.base}/presentations/${seed.presentations.ohiggins.id}`],
      ['get', `${seed.base}/presentations/${seed.presentations.ohiggins.id}/materials`],
      ['get', `${seed.base}/people`],
      ['get', `/presentations/${seed.presentations.ohiggins.id}/invitations`],
      ['post', `/presentations/${seed.presentations.ohiggins.id}/invitations`],
      ['get', '/events'],
    ] as const) {
      const response = await ctx.app.http[method](path).set('Authorization', presenterA).expect(403);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    for (const path of [`${seed.base}/registrations`, '/registrations/me']) {
      const response = await ctx.app.http.get(path).set('Authorization', presenterA);
      expect([403, 404]).toContain(response.status);
    }

    const registrationLink = await ctx.app.plenary.app
      .get(MagicLinkService)
      .issue(ctx.app.plenary.app.get(DataSource).manager, { type: 'registration', id: randomUUID(), eventId: seed.event.id });
    await ctx.app.http.get('/me/presentations').set('Authorization', bearer(registrationLink.token)).expect(403);
    await ctx.app.http.get('/me/presentations').set('Authorization', auth).expect(403);
    await ctx.app.http.get('/me/presentations').expect(401);
  });

  it('revokes every link of a presenter (401) until they are invited again', async () => {
    const revoked = await ctx.app.http
      .delete(`/presentations/${seed.presentations.ohiggins.id}/invitations/${personId(ignacio)}`)
      .set('Authorization', auth)
      .expect(200);
    expect(revoked.body).toEqual({ personId: personId(ignacio), revokedTokens: 2 });
    for (const mail of ctx.smtp.for(ignacio)) {
      await ctx.app.http
        .get('/me/presentations')
        .set('Authorization', bearer(presenterTokenIn(mail)))
        .expect(401);
    }
    await ctx.app.http.get('/me/presentations').set('Authorization', bearer(tokens[marta])).expect(200);
    const states = await ctx.app.http
      .get(`/presentations/${seed.presentations.ohiggins.id}/invitations`)
      .set('Authorization', auth)
      .expect(200);
    expect(states.body.items.find((p: { email: string }) => p.email === ignacio).linksRevokedAt).toMatch(/\+0[12]:00$/);

    await ctx.app.http
      .delete(`/presentations/${seed.presentations.ohiggins.id}/invitations/${personId(javier)}`)
      .set('Authorization', auth)
      .expect(404);
  });

  it('answers 404 to organisers who do not organise the event, as for an unknown presentation', async () => {
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', auth)
      .send({ email: 'other.organiser@plenary.test', name: 'Other Organiser', password: 'other-password-1' })
      .expect(201);
    const stranger = await login(ctx.app.http, 'other.organiser@plenary.test', 'other-password-1');
    const path = `/presentations/${seed.presentations.valueChains.id}/invitations`;
    const refused = await ctx.app.http.post(path).set('Authorization', stranger).send({}).expect(404);
    expect(refused.body.detail).not.toContain(seed.event.id);
    await ctx.app.http.get(path).set('Authorization', stranger).expect(404);
    await ctx.app.http.post(`/presentations/${randomUUID()}/invitations`).set('Authorization', auth).send({}).expect(404);
    await ctx.app.http.post('/presentations/not-an-id/invitations').set('Authorization', auth).send({}).expect(404);
    expect(ctx.smtp.for('carla.souza@parana.test')).toEqual([]);
  });
});
