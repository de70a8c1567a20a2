import { Job } from 'bullmq';
import { JobName, JobPayloads } from '../../../src/platform/queue/queue-names';
import { ChangeNoticesProcessor } from '../../../src/reminders/change-notices.processor';
import { attendee, createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';
import { registrationBearerIn } from '../../support/registration-link';

describe('changes that touch people', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  const notices = (address: string, headline: string) => ctx.smtp.for(address).filter((m) => m.subject.startsWith(headline));

  it('tells the presenters and signed-up attendees of a moved session once, and nobody else', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const base = `/events/${event.id}`;
    const day = event.days[0];
    const workshop = await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Smart specialisation workshop', kind: 'workshop', startsAt: `${day}T10:00`, endsAt: `${day}T11:00`, capacity: 10 })
      .expect(201);
    await ctx.app.http
      .post(`${base}/presentations`)
      .set('Authorization', auth)
      .send({
        title: 'Piura',
        sessionId: workshop.body.id,
        presenters: [{ name: 'Javier Bereche', email: 'javier@piura.test', countryCode: 'PE' }],
      })
      .expect(201);
    await ctx.app.http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);
    const [signedUp, bystander] = [attendee(), attendee()];
    for (const body of [signedUp, bystander]) await ctx.app.http.post(`${base}/registrations`).send(body).expect(201);
    const token = registrationBearerIn((await ctx.smtp.waitForMail(signedUp.email))[0].text);
    await ctx.app.http.post(`/registrations/me/sessions/${workshop.body.id}`).set('Authorization', token).expect(201);

    await ctx.app.http
      .patch(`${base}/sessions/${workshop.body.id}`)
      .set('Authorization', auth)
      .send({ startsAt: `${day}T15:00`, endsAt: `${day}T16:00` })
      .expect(200);
    await ctx.app.http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'v2' }).expect(201);

    const [presenterMail] = await waitFor("the presenter's notice", () =>
      notices('javier@piura.test', 'The programme has changed').length ? notices('javier@piura.test', 'The programme has changed') : null,
    );
    expect(presenterMail.text).toContain('"Smart specialisation workshop" moved from');
    await waitFor("the attendee's notice", () => notices(signedUp.email, 'The programme has changed').length === 1);
    await waitFor(
      'every notice to be sent',
      async () => (await ctx.db.query(`SELECT 1 FROM emails WHERE kind = 'change-notice' AND status <> 'sent'`)).length === 0,
    );
    expect(notices(bystander.email, 'The programme has changed')).toHaveLength(0);
    expect(notices('javier@piura.test', 'The programme has changed')).toHaveLength(1);
  });

  it('tells everyone registered, once, that the event is cancelled', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false, capacity: 1 });
    const [a, b] = [attendee(), attendee()];
    for (const body of [a, b]) await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    await ctx.app.http.post(`/events/${event.id}/cancel`).set('Authorization', auth).send({ reason: 'the venue is closed' }).expect(200);
    await ctx.app.http.post(`/events/${event.id}/cancel`).set('Authorization', auth).send({}).expect(200);
    for (const person of [a, b]) {
      const [mail] = await waitFor(`${person.email}'s notice`, () =>
        notices(person.email, 'The event is cancelled').length ? notices(person.email, 'The event is cancelled') : null,
      );
      expect(mail.text).toContain('the venue is closed');
    }
    await waitFor(
      'every notice to be sent',
      async () => (await ctx.db.query(`SELECT 1 FROM emails WHERE kind = 'change-notice' AND status <> 'sent'`)).length === 0,
    );
    expect(notices(a.email, 'The event is cancelled')).toHaveLength(1);

    // The job run again (a retry after a crash) writes no notice and mints no link nobody would receive.
    const tokens = async () =>
      (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM magic_link_tokens WHERE event_id = $1`, [event.id]))[0].n;
    const before = await tokens();
    const rerun = await ctx.app.plenary.app
      .get(ChangeNoticesProcessor)
      .process({ id: `event-cancelled-${event.id}`, data: { eventId: event.id, change: 'cancelled' } } as Job<
        JobPayloads[JobName.NotifyChange]
      >);
    expect(rerun).toEqual({ notified: 0 });
    expect(await tokens()).toBe(before);
  });

  it("previews a rule's next send: when, how many, to whom, and the message", async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const [es, en] = [attendee({ name: 'Luisa Pérez', language: 'es' }), attendee({ name: 'Anne Dubois' })];
    for (const body of [es, en]) await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    const rule = await ctx.app.http
      .post(`/events/${event.id}/reminder-rules`)
      .set('Authorization', auth)
      .send({ name: 'Day before', anchor: 'event_start', offsetMinutes: -1440, audience: 'confirmed' })
      .expect(201);
    const preview = await ctx.app.http
      .get(`/events/${event.id}/reminder-rules/${rule.body.id}/preview`)
      .set('Authorization', auth)
      .expect(200);
    expect(preview.body.recipients).toBe(2);
    expect(preview.body.next.dueAt).toBe(rule.body.scheduled[0].dueAt);
    expect(preview.body.sample.map((r: { email: string }) => r.email).sort()).toEqual([es.email, en.email].sort());
    expect(preview.body.message.text).toContain(event.title);
    expect(ctx.smtp.for(es.email).filter((m) => m.subject.startsWith('Recordatorio'))).toHaveLength(0);
  });
});
