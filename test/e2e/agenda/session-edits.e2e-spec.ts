import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

describe('editing sessions without losing another organiser’s change', () => {
  const ctx = useTestApp();
  let auth: string;
  let seed: Awaited<ReturnType<typeof createSeedMeeting>>;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    seed = await createSeedMeeting(ctx.app.http, auth);
    await ctx.app.http.post(`${seed.base}/agenda/versions`).set('Authorization', auth).send({ note: 'Programme' }).expect(201);
  });

  const session = (id: string) => `${seed.base}/sessions/${id}`;

  it('refuses a save based on an older version with 412 and the session as it now is', async () => {
    const path = session(seed.sessions.discussion.id);
    const read = await ctx.app.http.get(path).set('Authorization', auth).expect(200);
    const etag = read.headers.etag as string;
    expect(etag).toBe(`"${read.body.version}"`);

    // Two organisers read the same version; the first save wins and moves the version on.
    const first = await ctx.app.http
      .patch(path)
      .set('Authorization', auth)
      .set('If-Match', etag)
      .send({ startsAt: '2019-10-08T15:00', endsAt: '2019-10-08T16:30' })
      .expect(200);
    expect(first.body.version).toBe(read.body.version + 1);
    expect(first.headers.etag).toBe(`"${first.body.version}"`);

    const second = await ctx.app.http
      .patch(path)
      .set('Authorization', auth)
      .set('If-Match', etag)
      .send({ title: 'Discussion: the regions ahead' })
      .expect(412);
    expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(second.body).toMatchObject({
      status: 412,
      session: { id: seed.sessions.discussion.id, version: first.body.version, startsAt: '2019-10-08T15:00:00+02:00' },
    });
    const now = await ctx.app.http.get(path).set('Authorization', auth).expect(200);
    expect(now.body).toMatchObject({ title: read.body.title, startsAt: '2019-10-08T15:00:00+02:00', version: first.body.version });

    // The version as a bare number, `*`, or no If-Match at all are accepted.
    await ctx.app.http
      .patch(path)
      .set('Authorization', auth)
      .set('If-Match', String(now.body.version))
      .send({ description: 'a' })
      .expect(200);
    await ctx.app.http.patch(path).set('Authorization', auth).set('If-Match', '*').send({ description: 'b' }).expect(200);
    const last = await ctx.app.http.patch(path).set('Authorization', auth).send({ description: 'c' }).expect(200);
    expect(last.body.version).toBe(first.body.version + 3);
  });

  it('removes a session never published, and cancels one a published version shows', async () => {
    const draft = await ctx.app.http
      .post(`${seed.base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Side meeting', kind: 'other', startsAt: '2019-10-09T14:00', endsAt: '2019-10-09T15:00' })
      .expect(201);
    await ctx.app.http.delete(session(draft.body.id)).set('Authorization', auth).expect(204);
    await ctx.app.http.get(session(draft.body.id)).set('Authorization', auth).expect(404);
    const working = await ctx.app.http.get(`${seed.base}/sessions`).set('Authorization', auth).expect(200);
    expect(working.body.items.map((s: { id: string }) => s.id)).not.toContain(draft.body.id);

    const cancelled = await ctx.app.http.delete(session(seed.sessions.coffee.id)).set('Authorization', auth).expect(200);
    expect(cancelled.body).toMatchObject({ id: seed.sessions.coffee.id, status: 'cancelled' });
    const v2 = await ctx.app.http.post(`${seed.base}/agenda/versions`).set('Authorization', auth).send({ note: 'No coffee' }).expect(201);
    expect(v2.body.changes.cancelled.map((s: { sessionId: string }) => s.sessionId)).toEqual([seed.sessions.coffee.id]);
    expect(v2.body.changes.added).toEqual([]);
  });

  it('refuses a deletion based on an older version and keeps the session', async () => {
    const path = session(seed.sessions.session2.id);
    const read = await ctx.app.http.get(path).set('Authorization', auth).expect(200);
    await ctx.app.http.patch(path).set('Authorization', auth).send({ description: 'Moved on' }).expect(200);
    await ctx.app.http
      .delete(path)
      .set('Authorization', auth)
      .set('If-Match', read.headers.etag as string)
      .expect(412);
    const still = await ctx.app.http.get(path).set('Authorization', auth).expect(200);
    expect(still.body.status).toBe('scheduled');
  });
});
