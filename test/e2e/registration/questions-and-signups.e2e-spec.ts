import ICAL from 'ical.js';
import { attendee, createOpenEvent, daysFromNow } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { registrationBearerIn } from '../../support/registration-link';

describe('custom questions and session sign-ups', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  it("validates answers to the event's questions on the server, naming each", async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const base = `/events/${event.id}`;
    for (const question of [
      { key: 'dietary', label: 'Dietary needs', type: 'text' },
      { key: 'nights', label: 'Hotel nights', type: 'number', required: true },
      { key: 'format', label: 'How will you attend?', type: 'choice', options: ['in person', 'online'], required: true },
      { key: 'interests', label: 'Interests', type: 'multi_choice', options: ['innovation', 'tourism', 'agri-food'] },
      { key: 'visa', label: 'Do you need a visa letter?', type: 'boolean' },
      { key: 'nationality', label: 'Nationality', type: 'country' },
    ]) {
      await ctx.app.http.post(`${base}/questions`).set('Authorization', auth).send(question).expect(201);
    }
    const form = await ctx.app.http.get(`${base}/questions`).expect(200);
    expect(form.body.items.map((q: { key: string }) => q.key)).toEqual(['dietary', 'nights', 'format', 'interests', 'visa', 'nationality']);

    const bad = await ctx.app.http
      .post(`${base}/registrations`)
      .send(attendee({ answers: { nights: 'two', interests: ['golf'], visa: 'yes', nationality: 'Chile', shoeSize: 42 } }))
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'answers.format',
      'answers.interests',
      'answers.nationality',
      'answers.nights',
      'answers.shoeSize',
      'answers.visa',
    ]);
    const good = await ctx.app.http
      .post(`${base}/registrations`)
      .send(attendee({ answers: { nights: 2, format: 'in person', interests: ['innovation', 'tourism'], visa: true, nationality: 'cl' } }))
      .expect(201);
    const stored = await ctx.app.http.get(`${base}/registrations/${good.body.id}`).set('Authorization', auth).expect(200);
    expect(stored.body.answers).toEqual({
      nights: 2,
      format: 'in person',
      interests: ['innovation', 'tourism'],
      visa: true,
      nationality: 'CL',
    });
    // Organisers entering a walk-in may not know every answer.
    await ctx.app.http
      .post(`${base}/registrations`)
      .set('Authorization', auth)
      .send({ name: 'Walk-in', email: 'walk-in@region.test' })
      .expect(201);
  });

  it('never overbooks a session, keeps its own waitlist, and refuses overlapping sign-ups', async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const base = `/events/${event.id}`;
    const day = daysFromNow(31).slice(0, 10);
    const visit = await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Site visit: JRC labs', kind: 'workshop', startsAt: `${day}T09:30`, endsAt: `${day}T12:00`, capacity: 3 })
      .expect(201);
    const parallel = await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Writing workshop', kind: 'workshop', startsAt: `${day}T11:00`, endsAt: `${day}T12:30`, capacity: 10 })
      .expect(201);
    await ctx.app.http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'with the site visit' }).expect(201);

    const people = Array.from({ length: 8 }, () => attendee());
    for (const body of people) await ctx.app.http.post(`${base}/registrations`).send(body).expect(201);
    const tokens = await Promise.all(people.map(async (p) => registrationBearerIn((await ctx.smtp.waitForMail(p.email))[0].text)));

    const results = await Promise.all(
      tokens.map((t) => ctx.app.http.post(`/registrations/me/sessions/${visit.body.id}`).set('Authorization', t)),
    );
    expect(results.map((r) => r.status).every((s) => s === 201)).toBe(true);
    expect(results.filter((r) => r.body.status === 'confirmed')).toHaveLength(3);
    expect(results.filter((r) => r.body.status === 'waitlisted')).toHaveLength(5);

    const confirmedIndex = results.findIndex((r) => r.body.status === 'confirmed');
    const clash = await ctx.app.http
      .post(`/registrations/me/sessions/${parallel.body.id}`)
      .set('Authorization', tokens[confirmedIndex])
      .expect(409);
    expect(clash.body.detail).toContain('Site visit: JRC labs');

    const firstWaiting = await ctx.app.http.get(`${base}/sessions/${visit.body.id}/signups`).set('Authorization', auth).expect(200);
    const waitlistHead = firstWaiting.body.items.find((s: { status: string }) => s.status === 'waitlisted').registrationId;
    await ctx.app.http.delete(`/registrations/me/sessions/${visit.body.id}`).set('Authorization', tokens[confirmedIndex]).expect(204);
    const after = await ctx.app.http.get(`${base}/sessions/${visit.body.id}/signups`).set('Authorization', auth).expect(200);
    expect(after.body.items.filter((s: { status: string }) => s.status === 'confirmed')).toHaveLength(3);
    expect(after.body.items.find((s: { registrationId: string }) => s.registrationId === waitlistHead).status).toBe('confirmed');

    const seated = results.findIndex((r, i) => i !== confirmedIndex && r.body.status === 'confirmed');
    const calendar = await ctx.app.http.get('/registrations/me.ics').set('Authorization', tokens[seated]).expect(200);
    expect(calendar.text).toContain('SUMMARY:Site visit: JRC labs');
    const left = await ctx.app.http.get('/registrations/me.ics').set('Authorization', tokens[confirmedIndex]).expect(200);
    expect(left.text).not.toContain('Site visit');
  });

  it("keeps an attendee's calendar current: a moved session comes with a higher SEQUENCE, its room and description", async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const base = `/events/${event.id}`;
    const day = daysFromNow(30).slice(0, 10);
    const room = await ctx.app.http.post(`${base}/rooms`).set('Authorization', auth).send({ name: 'Salle Europa' }).expect(201);
    const visit = await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({
        title: 'Site visit: JRC labs',
        kind: 'workshop',
        description: 'Bring an identity document.',
        startsAt: `${day}T09:30`,
        endsAt: `${day}T12:00`,
        capacity: 10,
        roomId: room.body.id,
      })
      .expect(201);
    await ctx.app.http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);
    const body = attendee();
    await ctx.app.http.post(`${base}/registrations`).send(body).expect(201);
    const token = registrationBearerIn((await ctx.smtp.waitForMail(body.email))[0].text);
    await ctx.app.http.post(`/registrations/me/sessions/${visit.body.id}`).set('Authorization', token).expect(201);

    const sessionEntry = async () => {
      const text = (await ctx.app.http.get('/registrations/me.ics').set('Authorization', token).expect(200)).text;
      const vevent = new ICAL.Component(ICAL.parse(text))
        .getAllSubcomponents('vevent')
        .find((e) => e.getFirstPropertyValue('summary') === 'Site visit: JRC labs')!;
      return {
        sequence: Number(vevent.getFirstPropertyValue('sequence')),
        location: vevent.getFirstPropertyValue('location'),
        description: vevent.getFirstPropertyValue('description'),
        start: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
        stamp: (vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime(),
      };
    };
    const before = await sessionEntry();
    expect(before.location).toBe('Salle Europa, Brussels');
    expect(before.description).toBe('Bring an identity document.');

    const requestedAt = Date.now();
    await ctx.app.http
      .patch(`${base}/sessions/${visit.body.id}`)
      .set('Authorization', auth)
      .send({ startsAt: `${day}T14:00`, endsAt: `${day}T16:30` })
      .expect(200);
    await ctx.app.http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'visit in the afternoon' }).expect(201);
    const after = await sessionEntry();
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.start).not.toBe(before.start);
    // DTSTAMP says when the file was written (whole seconds), not when the registration last changed.
    expect(after.stamp).toBeGreaterThanOrEqual(Math.floor(requestedAt / 1000) * 1000);
  });

  it('refuses sign-ups for sessions without limited places or not yet published', async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const base = `/events/${event.id}`;
    const day = daysFromNow(30).slice(0, 10);
    const open = await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Plenary', kind: 'keynote', startsAt: `${day}T09:30`, endsAt: `${day}T10:30` })
      .expect(201);
    const body = attendee();
    await ctx.app.http.post(`${base}/registrations`).send(body).expect(201);
    const token = registrationBearerIn((await ctx.smtp.waitForMail(body.email))[0].text);
    await ctx.app.http.post(`/registrations/me/sessions/${open.body.id}`).set('Authorization', token).expect(404);
    await ctx.app.http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);
    await ctx.app.http.post(`/registrations/me/sessions/${open.body.id}`).set('Authorization', token).expect(422);
  });
});
