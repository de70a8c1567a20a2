import { invitePresenters } from '../../support/presenter-invitations';
import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/** What the seed says the O'Higgins pairing presented, section by section. */
const SEED_SECTIONS = {
  purpose:
    'Internationalise the regional development strategy, generating impact and economic development through innovation in the region.',
  activities:
    'Joint work on innovation, smart specialisation, value chains and industrial modernisation; 40 missions across the programme.',
  implementation: 'Joint action plans with priorities, financing measures and delivery timelines agreed by both regional governments.',
  pilotProjects: 'Pilot projects in renewable energy, agri-food chains and sustainable tourism.',
  results: 'More than 200 people involved in cooperation and great advances in international partnership between regions.',
  lessonsLearned: 'The programme came at the right moment: a strategy that fits those of many European regions travels well.',
  nextSteps: 'Keep the pairing alive after the programme: a Research and Innovation Smart Specialisation Strategy with the JRC.',
};

describe('presenter portal', () => {
  const ctx = useTestApp();
  let auth: string;
  let seed: Awaited<ReturnType<typeof createSeedMeeting>>;
  let ignacio: string;
  let marta: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    seed = await createSeedMeeting(ctx.app.http, auth);
    const tokens = await invitePresenters(ctx, auth, seed.presentations.ohiggins.id);
    ignacio = `Bearer ${tokens['ignacio.tello@ohiggins.test']}`;
    marta = `Bearer ${tokens['marta.ruiz@andalucia.test']}`;
  });

  it("round-trips the seed's sections through the portal, into the agenda", async () => {
    const before = await ctx.app.http.get('/me/presentations').set('Authorization', ignacio).expect(200);
    expect(before.body.items[0].sections).toEqual({
      purpose: 'Internationalise the regional development strategy.',
      activities: null,
      implementation: null,
      pilotProjects: null,
      results: null,
      lessonsLearned: null,
      nextSteps: null,
    });

    const saved = await ctx.app.http
      .patch(`/presentations/${seed.presentations.ohiggins.id}`)
      .set('Authorization', ignacio)
      .send({ sections: SEED_SECTIONS })
      .expect(200);
    expect(saved.body.sections).toEqual(SEED_SECTIONS);

    const coPresenterView = await ctx.app.http.get('/me/presentations').set('Authorization', marta).expect(200);
    expect(coPresenterView.body.items[0].sections).toEqual(SEED_SECTIONS);
    const organiserView = await ctx.app.http
      .get(`${seed.base}/presentations/${seed.presentations.ohiggins.id}`)
      .set('Authorization', auth)
      .expect(200);
    expect(organiserView.body.sections).toEqual(SEED_SECTIONS);

    // Flat, as the organisers' PATCH takes them; null clears a section.
    await ctx.app.http
      .patch(`/presentations/${seed.presentations.ohiggins.id}`)
      .set('Authorization', marta)
      .send({
        title: "O'Higgins and Andalucía: internationalising a development strategy",
        abstract: 'Two regions, one strategy.',
        nextSteps: null,
      })
      .expect(200);
    const after = await ctx.app.http.get('/me/presentations').set('Authorization', ignacio).expect(200);
    expect(after.body.items[0]).toMatchObject({
      title: "O'Higgins and Andalucía: internationalising a development strategy",
      abstract: 'Two regions, one strategy.',
      sections: { ...SEED_SECTIONS, nextSteps: null },
    });
  });

  it("shows co-presenters' public details and never their email address", async () => {
    const portal = await ctx.app.http.get('/me/presentations').set('Authorization', marta).expect(200);
    expect(portal.body.me).toMatchObject({ name: 'Marta Ruiz', email: 'marta.ruiz@andalucia.test' });
    expect(portal.body.event).toMatchObject({ id: seed.event.id, timezone: 'Europe/Brussels', startsAt: '2019-10-08T09:00:00+02:00' });
    const [presentation] = portal.body.items;
    expect(presentation.myRole).toBe('co');
    expect(presentation.presenters).toEqual([
      {
        personId: expect.any(String),
        name: 'Ignacio Tello',
        organisation: "O'Higgins Regional Government",
        region: "O'Higgins",
        countryCode: 'CL',
        country: 'Chile',
        title: null,
        role: 'lead',
        isMe: false,
        invitationStatus: 'invited',
      },
      expect.objectContaining({ name: 'Marta Ruiz', isMe: true, role: 'co' }),
    ]);
    expect(JSON.stringify(portal.body.items)).not.toMatch(/@/);
  });

  it('lets presenters change only the title, abstract and sections', async () => {
    const path = `/presentations/${seed.presentations.ohiggins.id}`;
    const moved = await ctx.app.http
      .patch(path)
      .set('Authorization', ignacio)
      .send({ sessionId: seed.sessions.session2.id, status: 'accepted' })
      .expect(400);
    expect(moved.body.errors).toEqual([
      { field: 'sessionId', message: 'is not a known field' },
      { field: 'status', message: 'is not a known field' },
    ]);
    const tooLong = await ctx.app.http
      .patch(path)
      .set('Authorization', ignacio)
      .send({ sections: { results: 'x'.repeat(5001) } })
      .expect(400);
    expect(tooLong.body.errors).toEqual([{ field: 'sections.results', message: 'at most 5000 characters' }]);
    const twice = await ctx.app.http
      .patch(path)
      .set('Authorization', ignacio)
      .send({ purpose: 'a', sections: { purpose: 'b' } })
      .expect(400);
    expect(twice.body.errors).toEqual([{ field: 'purpose', message: 'given both as purpose and as sections.purpose' }]);
    const unchanged = await ctx.app.http
      .get(`${seed.base}/presentations/${seed.presentations.ohiggins.id}`)
      .set('Authorization', auth)
      .expect(200);
    expect(unchanged.body).toMatchObject({
      sessionId: seed.sessions.session1.id,
      status: 'draft',
      sections: { purpose: SEED_SECTIONS.purpose },
    });
  });

  it('shows the slot of the published agenda, not of the working one', async () => {
    let portal = await ctx.app.http.get('/me/presentations').set('Authorization', ignacio).expect(200);
    expect(portal.body.items[0].slot).toBeNull();
    await ctx.app.http.post(`${seed.base}/agenda/versions`).set('Authorization', auth).send({ note: 'First programme' }).expect(201);
    await ctx.app.http
      .patch(`${seed.base}/sessions/${seed.sessions.session1.id}`)
      .set('Authorization', auth)
      .send({ startsAt: '2019-10-08T10:00', endsAt: '2019-10-08T11:00' })
      .expect(200);
    portal = await ctx.app.http.get('/me/presentations').set('Authorization', ignacio).expect(200);
    expect(portal.body.items[0].slot).toMatchObject({
      sessionId: seed.sessions.session1.id,
      sessionTitle: 'Pairings: sustainability and natural resources',
      startsAt: '2019-10-08T09:30:00+02:00',
      endsAt: '2019-10-08T11:00:00+02:00',
      room: 'Plenary hall',
    });
  });
});
