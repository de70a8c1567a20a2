import { DomainEventBus } from '../../../src/platform/domain-events/domain-event-bus';
import type { AgendaPublished } from '../../../src/agenda/agenda-domain-events';
import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

describe('published agenda versions', () => {
  const ctx = useTestApp();
  let auth: string;
  let seed: Awaited<ReturnType<typeof createSeedMeeting>>;
  const announced: AgendaPublished[] = [];

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    seed = await createSeedMeeting(ctx.app.http, auth);
    ctx.app.plenary.app.get(DomainEventBus).on('agenda.published', (event) => {
      announced.push(event);
    });
  });

  const publish = (note: string) => ctx.app.http.post(`${seed.base}/agenda/versions`).set('Authorization', auth).send({ note }).expect(201);

  it('freezes version 1 with every session added, and announces it after commit', async () => {
    const v1 = await publish('First programme');
    expect(v1.body).toMatchObject({ number: 1, note: 'First programme', changes: { moved: [], cancelled: [] } });
    expect(v1.body.changes.added.map((s: { title: string }) => s.title)).toEqual([
      'Pairings: sustainability and natural resources',
      'Coffee break',
      'Pairings: industry modernisation',
      'Future innovation in the regions',
      'Research and Innovation Smart Specialisation Strategy',
    ]);
    expect(v1.body.changes.added[0]).toEqual({
      sessionId: seed.sessions.session1.id,
      title: 'Pairings: sustainability and natural resources',
      startsAt: '2019-10-08T09:30:00+02:00',
      endsAt: '2019-10-08T11:00:00+02:00',
      roomId: seed.rooms.plenary.id,
    });
    expect(announced).toEqual([expect.objectContaining({ eventId: seed.event.id, number: 1, versionId: v1.body.id })]);
  });

  it('lists a moved session in version 2 with its old and new times, and nothing else', async () => {
    await ctx.app.http
      .patch(`${seed.base}/sessions/${seed.sessions.discussion.id}`)
      .set('Authorization', auth)
      .send({ startsAt: '2019-10-08T15:00', endsAt: '2019-10-08T16:30' })
      .expect(200);
    const v2 = await publish('Discussion after the coffee');
    expect(v2.body.number).toBe(2);
    expect(v2.body.changes).toEqual({
      added: [],
      cancelled: [],
      changed: [],
      moved: [
        {
          sessionId: seed.sessions.discussion.id,
          title: 'Future innovation in the regions',
          from: expect.objectContaining({ startsAt: '2019-10-08T14:30:00+02:00', endsAt: '2019-10-08T16:00:00+02:00' }),
          to: expect.objectContaining({ startsAt: '2019-10-08T15:00:00+02:00', endsAt: '2019-10-08T16:30:00+02:00' }),
        },
      ],
    });
  });

  it('announces cancelled and added sessions, and records the warnings it was published with', async () => {
    await ctx.app.http.delete(`${seed.base}/sessions/${seed.sessions.coffee.id}`).set('Authorization', auth).expect(200);
    const added = await ctx.app.http
      .post(`${seed.base}/sessions`)
      .set('Authorization', auth)
      .send({
        title: 'Regional authorities round table',
        kind: 'panel',
        startsAt: '2019-10-08T10:00',
        endsAt: '2019-10-08T10:45',
        roomId: seed.rooms.roomB.id,
        chairs: [{ personId: seed.chair.id }],
      })
      .expect(201);
    const v3 = await publish('Round table added');
    expect(v3.body.changes.cancelled).toEqual([expect.objectContaining({ sessionId: seed.sessions.coffee.id, title: 'Coffee break' })]);
    expect(v3.body.changes.added).toEqual([expect.objectContaining({ sessionId: added.body.id })]);
    expect(v3.body.conflicts).toEqual([expect.objectContaining({ personId: seed.chair.id, personName: 'Ana Moreau' })]);
  });

  it('numbers versions one after the other even when published at the same moment', async () => {
    const [a, b] = await Promise.all([publish('a'), publish('b')]);
    expect([a.body.number, b.body.number].sort()).toEqual([4, 5]);
    const list = await ctx.app.http.get(`${seed.base}/agenda/versions`).set('Authorization', auth).expect(200);
    expect(list.body.items.map((v: { number: number }) => v.number)).toEqual([5, 4, 3, 2, 1]);
    const v2 = await ctx.app.http.get(`${seed.base}/agenda/versions/2`).set('Authorization', auth).expect(200);
    expect(v2.body.note).toBe('Discussion after the coffee');
    await ctx.app.http.get(`${seed.base}/agenda/versions/99`).set('Authorization', auth).expect(404);
  });

  it('keeps other organisers out of the agenda entirely (404)', async () => {
    const admin = auth;
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', admin)
      .send({ email: 'outsider@region.test', name: 'Outsider', password: 'outsider-password-1' })
      .expect(201);
    const outsider = await login(ctx.app.http, 'outsider@region.test', 'outsider-password-1');
    for (const [method, path] of [
      ['get', `${seed.base}/sessions`],
      ['get', `${seed.base}/sessions/${seed.sessions.session1.id}`],
      ['patch', `${seed.base}/sessions/${seed.sessions.session1.id}`],
      ['delete', `${seed.base}/sessions/${seed.sessions.session1.id}`],
      ['post', `${seed.base}/sessions`],
      ['get', `${seed.base}/presentations`],
      ['post', `${seed.base}/presentations`],
      ['get', `${seed.base}/people`],
      ['post', `${seed.base}/rooms`],
      ['post', `${seed.base}/themes`],
      ['post', `${seed.base}/agenda/versions`],
      ['get', `${seed.base}/agenda/conflicts`],
    ] as const) {
      const response = await ctx.app.http[method](path).set('Authorization', outsider).send({});
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect(JSON.stringify(response.body)).not.toContain(seed.event.title);
    }
    await ctx.app.http.get(`${seed.base}/sessions`).expect(401);
  });
});
