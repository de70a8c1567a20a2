import { attendee, createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { registrationTokenIn } from '../../support/registration-link';

describe('check-in and who may see registrations', () => {
  const ctx = useTestApp();
  let auth: string;
  let event: Awaited<ReturnType<typeof createOpenEvent>>;
  let confirmed: { id: string; checkInCode: string; email: string };
  let waitlisted: { id: string };
  let attendeeToken: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    event = await createOpenEvent(ctx.app.http, auth, { capacity: 2 });
    const a = await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .set('Authorization', auth)
      .send({ name: 'Ana', email: 'ana@region.test' })
      .expect(201);
    confirmed = a.body;
    await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .set('Authorization', auth)
      .send({ name: 'Bruno', email: 'bruno@region.test' })
      .expect(201);
    const c = await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .send(attendee({ email: 'carla@region.test' }))
      .expect(201);
    waitlisted = c.body;
    const [mail] = await ctx.smtp.waitForMail('ana@region.test');
    attendeeToken = `Bearer ${registrationTokenIn(mail.text)}`;
  });

  it('counts day 1 and day 2 separately, and a second scan the same day once', async () => {
    const [day1, day2] = event.days;
    const first = await ctx.app.http
      .post(`/events/${event.id}/check-ins`)
      .set('Authorization', auth)
      .send({ code: confirmed.checkInCode.toLowerCase(), day: day1 })
      .expect(201);
    expect(first.body).toMatchObject({ registrationId: confirmed.id, day: day1, alreadyCheckedIn: false });
    const again = await ctx.app.http
      .post(`/events/${event.id}/check-ins`)
      .set('Authorization', auth)
      .send({ registrationId: confirmed.id, day: day1 })
      .expect(200);
    expect(again.body.alreadyCheckedIn).toBe(true);
    expect(again.body.detail).toBe(`Ana already checked in at ${first.body.checkedInAt.slice(11, 16)}`);
    await ctx.app.http
      .post(`/events/${event.id}/check-ins`)
      .set('Authorization', auth)
      .send({ code: confirmed.checkInCode, day: day2 })
      .expect(201);

    const list = await ctx.app.http.get(`/events/${event.id}/check-ins`).set('Authorization', auth).expect(200);
    expect(list.body.countsByDay).toEqual({ [day1]: 1, [day2]: 1 });
    const onDay1 = await ctx.app.http.get(`/events/${event.id}/registrations?checkedInOn=${day1}`).set('Authorization', auth).expect(200);
    expect(onDay1.body.items.map((r: { id: string; checkedInDays: string[] }) => [r.id, r.checkedInDays])).toEqual([
      [confirmed.id, [day1, day2]],
    ]);
  });

  it('refuses a day outside the event with 422, and today when it is not an event day', async () => {
    const outside = await ctx.app.http
      .post(`/events/${event.id}/check-ins`)
      .set('Authorization', auth)
      .send({ code: confirmed.checkInCode, day: '2019-10-08' })
      .expect(422);
    expect(outside.body.errors).toEqual([expect.objectContaining({ field: 'day' })]);
    const today = await ctx.app.http
      .post(`/events/${event.id}/check-ins`)
      .set('Authorization', auth)
      .send({ code: confirmed.checkInCode })
      .expect(422);
    expect(today.body.detail).toMatch(/is not one of the event's days/);
  });

  it('refuses a waitlisted registration with the reason, and an unknown code with 404', async () => {
    const refused = await ctx.app.http
      .post(`/events/${event.id}/check-ins`)
      .set('Authorization', auth)
      .send({ registrationId: waitlisted.id, day: event.days[0] })
      .expect(422);
    expect(refused.body.detail).toMatch(/waiting list/);
    await ctx.app.http
      .post(`/events/${event.id}/check-ins`)
      .set('Authorization', auth)
      .send({ code: 'ZZZZZZZZ', day: event.days[0] })
      .expect(404);
  });

  it('keeps an attendee token out of every organiser route of the event', async () => {
    for (const [method, path] of [
      ['get', `/events/${event.id}/registrations`],
      ['get', `/events/${event.id}/registrations/${confirmed.id}`],
      ['get', `/events/${event.id}/registrations/${waitlisted.id}`],
      ['patch', `/events/${event.id}/registrations/${confirmed.id}`],
      ['post', `/events/${event.id}/registrations/${waitlisted.id}/cancel`],
      ['post', `/events/${event.id}/registrations/${waitlisted.id}/approve`],
      ['get', `/events/${event.id}/registrations/counts`],
      ['get', `/events/${event.id}/check-ins`],
      ['post', `/events/${event.id}/check-ins`],
      ['get', `/events/${event.id}`],
      ['get', `/events/${event.id}/emails`],
    ] as const) {
      const response = await ctx.app.http[method](path).set('Authorization', attendeeToken).send({});
      expect([method, path, response.status]).toEqual([method, path, 403]);
    }
    const me = await ctx.app.http.get('/registrations/me').set('Authorization', attendeeToken).expect(200);
    expect(me.body.id).toBe(confirmed.id);
    await ctx.app.http.get('/registrations/me').expect(401);
    await ctx.app.http.get('/registrations/me').set('Authorization', auth).expect(403);
  });

  it('lets a presenter token into no registration route', async () => {
    const { MagicLinkService } = await import('../../../src/auth/magic-link.service');
    const { DataSource } = await import('typeorm');
    const links = ctx.app.plenary.app.get(MagicLinkService);
    // A real presenter: the maintenance sweep revokes presenter links of people who present nothing.
    const presentation = await ctx.app.http
      .post(`/events/${event.id}/presentations`)
      .set('Authorization', auth)
      .send({ title: 'Cacao value chains', presenters: [{ name: 'Javier Bereche', email: 'javier@piura.test', countryCode: 'PE' }] })
      .expect(201);
    const { token } = await links.issue(ctx.app.plenary.app.get(DataSource).manager, {
      type: 'presenter',
      id: presentation.body.presenters[0].personId,
      eventId: event.id,
    });
    await ctx.app.http.get('/registrations/me').set('Authorization', `Bearer ${token}`).expect(403);
    await ctx.app.http.delete('/registrations/me').set('Authorization', `Bearer ${token}`).expect(403);
    await ctx.app.http.get(`/events/${event.id}/registrations`).set('Authorization', `Bearer ${token}`).expect(403);
  });

  it('answers 404 to an organiser of another event', async () => {
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', auth)
      .send({ email: 'other@org.test', name: 'Other', password: 'other-password-1' })
      .expect(201);
    const other = await login(ctx.app.http, 'other@org.test', 'other-password-1');
    for (const path of [
      `/events/${event.id}/registrations`,
      `/events/${event.id}/registrations/${confirmed.id}`,
      `/events/${event.id}/check-ins`,
    ]) {
      await ctx.app.http.get(path).set('Authorization', other).expect(404);
    }
    // As anyone else, they may still register for it through the public form.
    const registered = await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .set('Authorization', other)
      .send(attendee())
      .expect(201);
    expect(Object.keys(registered.body).sort()).toEqual(['id', 'status']);
  });

  it('answers a link request the same whether or not the address is registered', async () => {
    const known = await ctx.app.http.post('/registrations/link').send({ eventId: event.id, email: 'carla@region.test' }).expect(202);
    const unknown = await ctx.app.http.post('/registrations/link').send({ eventId: event.id, email: 'nobody@region.test' }).expect(202);
    expect(known.body).toEqual(unknown.body);
    const mails = await ctx.smtp.waitForMail('carla@region.test', 2);
    expect(mails[1].subject).toBe(`Your registration link: ${event.title}`);
    expect(ctx.smtp.for('nobody@region.test')).toHaveLength(0);
  });
});
