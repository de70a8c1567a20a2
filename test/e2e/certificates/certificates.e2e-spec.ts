import { formatDay } from '../../../src/certificates/certificate-texts';
import { createOpenEvent, daysFromNow } from '../../support/future-event';
import { pdfText } from '../../support/pdf-text';
import { bytes } from '../../support/response-bytes';
import { invitePresenters } from '../../support/presenter-invitations';
import { registrationBearerIn } from '../../support/registration-link';
import { ReceivedMail } from '../../support/smtp-sink';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

describe('certificates of attendance and of presenting', () => {
  const ctx = useTestApp();
  let auth: string;
  let event: Awaited<ReturnType<typeof createOpenEvent>>;
  let presentationId: string;
  const emails = {
    ana: `ana-${Date.now()}@piura.test`,
    bruno: `bruno-${Date.now()}@flanders.test`,
    carla: `carla-${Date.now()}@minas.test`,
    rosa: `rosa-${Date.now()}@piura.test`,
  };
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  const pdf = async (path: string, token?: string) => {
    const request = bytes(ctx.app.http.get(path));
    if (token) request.set('Authorization', token);
    const response = await request.expect(200).expect('Content-Type', 'application/pdf');
    return response.body as Buffer;
  };
  const linkIn = (mail: ReceivedMail, pattern: RegExp) => {
    const match = pattern.exec(mail.text);
    if (!match) throw new Error(`no link ${pattern} in "${mail.subject}"`);
    return match[0].replace('http://plenary.test', '');
  };
  const certificateMail = (address: string) =>
    waitFor(`the certificate email to ${address}`, () => ctx.smtp.for(address).find((m) => /\/c\/[A-Z2-7]{10}\//.test(m.text)));

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    for (const [key, language] of [
      ['ana', 'es'],
      ['bruno', 'en'],
      ['carla', 'pt'],
    ] as const) {
      const created = await ctx.app.http
        .post(`/events/${event.id}/registrations`)
        .set('Authorization', auth)
        .send({ name: key === 'ana' ? 'Ana Quispe' : key === 'bruno' ? 'Bruno Peeters' : 'Carla Souza', email: emails[key], language })
        .expect(201);
      ids[key] = created.body.id;
      tokens[key] = registrationBearerIn((await ctx.smtp.waitForMail(emails[key]))[0].text);
    }
    const session = await ctx.app.http
      .post(`/events/${event.id}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Water and regions', kind: 'presentations', startsAt: daysFromNow(30, '10:00'), endsAt: daysFromNow(30, '11:00') })
      .expect(201);
    const presentation = await ctx.app.http
      .post(`/events/${event.id}/presentations`)
      .set('Authorization', auth)
      .send({
        title: 'Water boards in Piura',
        sessionId: session.body.id,
        presenters: [
          {
            name: 'Rosa Chumpitaz',
            email: emails.rosa,
            organisation: 'Gobierno Regional Piura',
            region: 'Piura',
            countryCode: 'PE',
            language: 'es',
          },
        ],
      })
      .expect(201);
    presentationId = presentation.body.id;
    await ctx.app.http.post(`/events/${event.id}/agenda/versions`).set('Authorization', auth).send({ note: 'Programme' }).expect(201);
    tokens.rosa = `Bearer ${(await invitePresenters(ctx, auth, presentationId))[emails.rosa]}`;

    const [day1, day2] = event.days;
    for (const [key, day] of [
      ['ana', day1],
      ['bruno', day1],
      ['bruno', day2],
    ] as const) {
      await ctx.app.http
        .post(`/events/${event.id}/check-ins`)
        .set('Authorization', auth)
        .send({ registrationId: ids[key], day })
        .expect(201);
    }
  });

  it('refuses certificates before the event has ended, until the organisers issue them from the first check-in', async () => {
    const settings = await ctx.app.http.get(`/events/${event.id}/certificates/settings`).set('Authorization', auth).expect(200);
    expect(settings.body.issueMode).toBe('after_event');
    const early = await ctx.app.http.post(`/events/${event.id}/certificates/runs`).set('Authorization', auth).expect(422);
    expect(early.body.errors).toEqual([expect.objectContaining({ field: 'issueMode' })]);
    await ctx.app.http.get('/registrations/me/certificate.pdf').set('Authorization', tokens.ana).expect(422);

    const bad = await ctx.app.http
      .put(`/events/${event.id}/certificates/settings`)
      .set('Authorization', auth)
      .send({ issueMode: 'sometimes', signatoryName: 'x'.repeat(201) })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['issueMode', 'signatoryName']);

    const saved = await ctx.app.http
      .put(`/events/${event.id}/certificates/settings`)
      .set('Authorization', auth)
      .send({
        intro: 'The Committee of the Regions thanks every participant.',
        signatoryName: 'Marie Dubois',
        signatoryTitle: 'Head of Unit',
        issueMode: 'on_check_in',
      })
      .expect(200);
    expect(saved.body).toMatchObject({ signatoryName: 'Marie Dubois', issueMode: 'on_check_in' });
  });

  it('sends them all in one run, whose progress reaches its total', async () => {
    // Two clicks at once: the second waits for the first's transaction and shares its run.
    const [first, second] = await Promise.all(
      [0, 1].map(() => ctx.app.http.post(`/events/${event.id}/certificates/runs`).set('Authorization', auth).expect(202)),
    );
    expect(first.body.id).toBe(second.body.id);
    expect([first.body.shared, second.body.shared].sort()).toEqual([false, true]);
    const started = first;
    expect(started.body).toMatchObject({ total: 3 });
    const finished = await waitFor('the run to complete', async () => {
      const run = await ctx.app.http.get(started.body.links.self).set('Authorization', auth).expect(200);
      return run.body.status === 'completed' ? run.body : null;
    });
    expect(finished).toMatchObject({ total: 3, done: 3, emailed: 3, progress: 100 });
    const list = await ctx.app.http.get(`/events/${event.id}/certificates`).set('Authorization', auth).expect(200);
    expect(list.body.items.map((c: { name: string; kind: string }) => `${c.kind} ${c.name}`).sort()).toEqual([
      'attendance Ana Quispe',
      'attendance Bruno Peeters',
      'presenter Rosa Chumpitaz',
    ]);
    const runs = await ctx.app.http.get(`/events/${event.id}/certificates/runs`).set('Authorization', auth).expect(200);
    expect(runs.body.items.map((r: { id: string }) => r.id)).toEqual([started.body.id]);
  });

  it('gives a run whose job was lost (Redis emptied, the add timed out) a new one from the sweep', async () => {
    const [lost] = await ctx.db.query<{ id: string }>(
      `INSERT INTO certificate_runs (event_id, total, created_at) VALUES ($1, 3, now() - interval '1 minute') RETURNING id`,
      [event.id],
    );
    const finished = await waitFor('the swept run to complete', async () => {
      const run = await ctx.app.http.get(`/events/${event.id}/certificates/runs/${lost.id}`).set('Authorization', auth).expect(200);
      return run.body.status === 'completed' ? run.body : null;
    });
    expect(finished).toMatchObject({ total: 3, done: 3, progress: 100 });
  });

  it('names day 1 only for an attendee checked in on day 1 only, in her language', async () => {
    const [day1, day2] = event.days;
    const mail = await certificateMail(emails.ana);
    expect(mail.subject).toBe('Su certificado: EU–Latin America region-to-region meeting');
    expect(mail.parsed.attachments).toEqual([]);
    const text = await pdfText(await pdf(linkIn(mail, /http:\/\/plenary\.test\/c\/[A-Z2-7]{10}\/certificate\.pdf/)));
    expect(text).toContain('Certificado de asistencia');
    expect(text).toContain('Ana Quispe');
    expect(text).toContain(formatDay(day1, 'es'));
    expect(text).not.toContain(formatDay(day2, 'es'));
    expect(text).toContain('Marie Dubois');
    expect(text).toContain('The Committee of the Regions thanks every participant.');

    const fromPage = await pdfText(await pdf('/registrations/me/certificate.pdf', tokens.ana));
    expect(fromPage).toContain(formatDay(day1, 'es'));
    expect(fromPage).not.toContain(formatDay(day2, 'es'));

    const both = await pdfText(await pdf('/registrations/me/certificate.pdf', tokens.bruno));
    expect(both).toContain(formatDay(day1, 'en'));
    expect(both).toContain(formatDay(day2, 'en'));
  });

  it("names the presenter's presentation", async () => {
    const mail = await certificateMail(emails.rosa);
    const text = await pdfText(await pdf(linkIn(mail, /http:\/\/plenary\.test\/c\/[A-Z2-7]{10}\/certificate\.pdf/)));
    expect(text).toContain('Certificado de presentación');
    expect(text).toContain('Rosa Chumpitaz');
    expect(text).toContain('Water boards in Piura');
    const fromPortal = await pdfText(await pdf(`/me/presentations/${presentationId}/certificate.pdf`, tokens.rosa));
    expect(fromPortal).toContain('Water boards in Piura');
  });

  it('gives none to a registrant never checked in', async () => {
    const none = await ctx.app.http.get('/registrations/me/certificate.pdf').set('Authorization', tokens.carla).expect(404);
    expect(none.body.detail).toMatch(/never checked in/);
    expect(ctx.smtp.for(emails.carla).filter((m) => /\/c\//.test(m.text))).toEqual([]);
  });

  it('shows on the verification page only the name, the event and the days, and answers an unknown code with the 404 page', async () => {
    const [day1, day2] = event.days;
    const verify = linkIn(await certificateMail(emails.ana), /http:\/\/plenary\.test\/c\/[A-Z2-7]{10}(?=\s|$)/);
    const page = await ctx.app.http
      .get(verify)
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(page.text).toContain('Ana Quispe');
    expect(page.text).toContain('EU–Latin America region-to-region meeting');
    expect(page.text).toContain(formatDay(day1, 'es'));
    expect(page.text).not.toContain(formatDay(day2, 'es'));
    expect(page.text).toContain('Certificado válido');
    expect(page.text).not.toContain(emails.ana);
    expect(page.text).not.toContain('Marie Dubois');
    await ctx.app.http.get(verify.toLowerCase()).expect(200);
    const inFrench = await ctx.app.http.get(`${verify}?lang=fr`).expect(200);
    expect(inFrench.text).toContain('Attestation valide');
    expect(inFrench.text).toContain(formatDay(day1, 'fr'));
    const unknown = await ctx.app.http
      .get('/c/AAAAAAAAAA')
      .expect(404)
      .expect('Content-Type', /text\/html/);
    expect(unknown.text).not.toContain('Ana Quispe');
  });

  it('shows a revoked certificate as revoked and serves its PDF no more', async () => {
    const list = await ctx.app.http.get(`/events/${event.id}/certificates?kind=attendance`).set('Authorization', auth).expect(200);
    const bruno = list.body.items.find((c: { name: string }) => c.name === 'Bruno Peeters');
    await ctx.app.http.post(`/events/${event.id}/certificates/${bruno.id}/revoke`).set('Authorization', auth).expect(200);
    const page = await ctx.app.http.get(`/c/${bruno.code}`).expect(200);
    expect(page.text).toContain('This certificate has been revoked');
    await ctx.app.http.get(`/c/${bruno.code}/certificate.pdf`).expect(404);
    await ctx.app.http.get('/registrations/me/certificate.pdf').set('Authorization', tokens.bruno).expect(404);
  });

  it("keeps another event's organisers and attendees' tokens out", async () => {
    const email = `other-${Date.now()}@organisers.test`;
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', auth)
      .send({ email, name: 'Other Organiser', password: 'other-password-1' })
      .expect(201);
    const other = await login(ctx.app.http, email, 'other-password-1');
    await createOpenEvent(ctx.app.http, other);
    for (const [method, path] of [
      ['get', `/events/${event.id}/certificates`],
      ['get', `/events/${event.id}/certificates/settings`],
      ['put', `/events/${event.id}/certificates/settings`],
      ['post', `/events/${event.id}/certificates/runs`],
      ['get', `/events/${event.id}/certificates/runs`],
      ['post', `/events/${event.id}/certificates/${ids.ana}/revoke`],
    ] as const) {
      const asOther = await ctx.app.http[method](path).set('Authorization', other).send({ issueMode: 'on_check_in' });
      expect([method, path, asOther.status]).toEqual([method, path, 404]);
      const asAttendee = await ctx.app.http[method](path).set('Authorization', tokens.ana).send({ issueMode: 'on_check_in' });
      expect([method, path, asAttendee.status]).toEqual([method, path, 403]);
    }
    // A presenter's token names no registration, an attendee's no presentation, and an organiser has no "me".
    await ctx.app.http.get('/registrations/me/certificate.pdf').set('Authorization', tokens.rosa).expect(403);
    await ctx.app.http.get(`/me/presentations/${presentationId}/certificate.pdf`).set('Authorization', tokens.ana).expect(403);
    await ctx.app.http.get('/registrations/me/certificate.pdf').set('Authorization', other).expect(403);
    // A presenter of no such presentation gets nothing.
    await ctx.app.http.get(`/me/presentations/${ids.ana}/certificate.pdf`).set('Authorization', tokens.rosa).expect(404);
  });

  it('has no certificate for a person whose data was erased', async () => {
    const verify = linkIn(await certificateMail(emails.ana), /http:\/\/plenary\.test\/c\/[A-Z2-7]{10}(?=\s|$)/);
    await ctx.app.http.get(verify).expect(200);
    await ctx.app.http.post(`/events/${event.id}/registrations/${ids.ana}/erase`).set('Authorization', auth).expect(204);
    const gone = await ctx.app.http.get(verify).expect(404);
    expect(gone.text).not.toContain('Ana Quispe');
    expect(gone.text).not.toContain('Erased person');
    await ctx.app.http.get(`${verify}/certificate.pdf`).expect(404);
  });
});
