import { ADMIN, login } from '../../support/test-app';
import { createSeedMeeting } from '../../support/seed-meeting';
import { useTestApp } from '../../support/use-test-app';

describe('working agenda of the seed meeting', () => {
  const ctx = useTestApp();
  let auth: string;
  let seed: Awaited<ReturnType<typeof createSeedMeeting>>;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    seed = await createSeedMeeting(ctx.app.http, auth);
  });

  it('reads local input as Brussels time and answers with +02:00', async () => {
    expect(seed.sessions.session1).toMatchObject({ startsAt: '2019-10-08T09:30:00+02:00', endsAt: '2019-10-08T11:00:00+02:00' });
    const list = await ctx.app.http.get(`${seed.base}/sessions`).set('Authorization', auth).expect(200);
    expect(list.body.items.map((s: { title: string }) => s.title)).toEqual([
      'Pairings: sustainability and natural resources',
      'Coffee break',
      'Pairings: industry modernisation',
      'Future innovation in the regions',
      'Research and Innovation Smart Specialisation Strategy',
    ]);
  });

  it('places pairings in order inside their session, lead first', async () => {
    const session = await ctx.app.http.get(`${seed.base}/sessions/${seed.sessions.session1.id}`).set('Authorization', auth).expect(200);
    expect(session.body.presentations.map((p: { title: string; position: number }) => [p.position, p.title])).toEqual([
      [1, seed.presentations.ohiggins.title],
      [2, seed.presentations.piura.title],
    ]);
    expect(
      session.body.presentations[0].presenters.map((p: { name: string; role: string; region: string }) => [p.name, p.role, p.region]),
    ).toEqual([
      ['Ignacio Tello', 'lead', "O'Higgins"],
      ['Marta Ruiz', 'co', 'Andalucía'],
    ]);
    expect(session.body.chairs).toEqual([expect.objectContaining({ name: 'Ana Moreau', role: 'chair' })]);
  });

  it('refuses a double-booked room with 409 naming the other session, on create and on move', async () => {
    const clash = await ctx.app.http
      .post(`${seed.base}/sessions`)
      .set('Authorization', auth)
      .send({
        title: 'Side meeting',
        kind: 'other',
        startsAt: '2019-10-08T10:30',
        endsAt: '2019-10-08T11:15',
        roomId: seed.rooms.plenary.id,
      })
      .expect(409);
    expect(clash.body.detail).toContain('Pairings: sustainability and natural resources');
    expect(clash.body.conflictingSession).toMatchObject({ sessionId: seed.sessions.session1.id, startsAt: '2019-10-08T09:30:00+02:00' });

    const moved = await ctx.app.http
      .patch(`${seed.base}/sessions/${seed.sessions.discussion.id}`)
      .set('Authorization', auth)
      .send({ roomId: seed.rooms.plenary.id, startsAt: '2019-10-08T12:00', endsAt: '2019-10-08T13:30' })
      .expect(409);
    expect(moved.body.detail).toContain('Pairings: industry modernisation');
    const unchanged = await ctx.app.http.get(`${seed.base}/sessions/${seed.sessions.discussion.id}`).set('Authorization', auth).expect(200);
    expect(unchanged.body).toMatchObject({ roomId: seed.rooms.roomB.id, startsAt: '2019-10-08T14:30:00+02:00' });

    // Back to back is not a clash.
    await ctx.app.http
      .post(`${seed.base}/sessions`)
      .set('Authorization', auth)
      .send({
        title: 'Lunch talk',
        kind: 'keynote',
        startsAt: '2019-10-08T13:00',
        endsAt: '2019-10-08T13:30',
        roomId: seed.rooms.plenary.id,
      })
      .expect(201);
  });

  it('refuses sessions outside the event with 422 and backwards sessions with 400', async () => {
    const outside = await ctx.app.http
      .post(`${seed.base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Too late', kind: 'other', startsAt: '2019-10-10T09:00', endsAt: '2019-10-10T10:00' })
      .expect(422);
    expect(outside.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'startsAt' })]));
    const backwards = await ctx.app.http
      .post(`${seed.base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Backwards', kind: 'other', startsAt: '2019-10-08T10:00', endsAt: '2019-10-08T09:00' })
      .expect(400);
    expect(backwards.body.errors).toEqual([{ field: 'endsAt', message: 'must be after startsAt' }]);
  });

  it('counts a person once across presentations and lists overlaps as warnings', async () => {
    await ctx.app.http
      .post(`${seed.base}/presentations`)
      .set('Authorization', auth)
      .send({
        title: 'Tourism and heritage',
        sessionId: seed.sessions.session2.id,
        presenters: [
          {
            name: 'Ignacio Tello',
            email: 'IGNACIO.TELLO@ohiggins.test',
            organisation: "O'Higgins Regional Government",
            region: "O'Higgins",
            countryCode: 'CL',
          },
        ],
      })
      .expect(201);
    const people = await ctx.app.http.get(`${seed.base}/people?q=Tello`).set('Authorization', auth).expect(200);
    expect(people.body.items).toHaveLength(1);

    const empty = await ctx.app.http.get(`${seed.base}/agenda/conflicts`).set('Authorization', auth).expect(200);
    expect(empty.body.items).toEqual([]);
    await ctx.app.http
      .patch(`${seed.base}/sessions/${seed.sessions.discussion.id}`)
      .set('Authorization', auth)
      .send({ startsAt: '2019-10-08T10:00', endsAt: '2019-10-08T10:45' })
      .expect(200);
    const warnings = await ctx.app.http.get(`${seed.base}/agenda/conflicts`).set('Authorization', auth).expect(200);
    expect(warnings.body.items).toEqual([
      expect.objectContaining({
        personName: 'Ana Moreau',
        roles: ['chair', 'moderator'],
        sessions: expect.arrayContaining([
          expect.objectContaining({ sessionId: seed.sessions.session1.id }),
          expect.objectContaining({ sessionId: seed.sessions.discussion.id }),
        ]),
      }),
    ]);
  });
});
