import { qrPng } from '../../../src/platform/qr/qr-png';
import { attendee, createOpenEvent } from '../../support/future-event';
import { passportDetails } from '../../support/letter-request';
import { pdfText } from '../../support/pdf-text';
import { registrationBearerIn } from '../../support/registration-link';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

const PASSPORT = passportDetails();

describe('visa invitation letters', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  async function register(eventId: string, overrides: Record<string, unknown> = {}) {
    const body = attendee(overrides);
    const created = await ctx.app.http.post(`/events/${eventId}/registrations`).send(body).expect(201);
    const [mail] = await ctx.smtp.waitForMail(body.email);
    return { id: created.body.id as string, email: body.email, bearer: registrationBearerIn(mail.text) };
  }

  async function organiser(email: string) {
    const password = 'bruno-password-1';
    await ctx.app.http.post('/organisers').set('Authorization', auth).send({ email, name: 'Bruno Other', password }).expect(201);
    return login(ctx.app.http, email, password);
  }

  it('issues a Peruvian registrant’s letter in Spanish, verifies it and its passport number, revokes it on cancel and erases it', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, {
      startsAt: '2027-03-09T09:00',
      endsAt: '2027-03-10T17:30',
      venue: 'Palais d’Egmont, Bruselas',
    });
    await ctx.app.http
      .put(`/events/${event.id}/letter-settings`)
      .set('Authorization', auth)
      .send({
        letterhead: 'Comité Europeo de las Regiones\nRue Belliard 99–101, Bruselas',
        signatoryName: 'Hélène Dupré',
        signatoryTitle: 'Secretaria General',
      })
      .expect(200);
    const peruvian = await register(event.id, { name: 'José Peña', language: 'es', countryCode: 'PE', region: 'Piura' });
    const other = await register(event.id);

    const asked = await ctx.app.http.put('/registrations/me/letter').set('Authorization', peruvian.bearer).send(PASSPORT).expect(200);
    expect(asked.body).toMatchObject({
      status: 'requested',
      passportName: 'José Peña Quispe',
      passportNumber: '••••••78',
      downloadable: false,
    });
    expect(JSON.stringify(asked.body)).not.toContain('12345678');
    await ctx.app.http.get('/registrations/me/letter').set('Authorization', other.bearer).expect(404);
    await ctx.app.http.get('/registrations/me/letter.pdf').set('Authorization', peruvian.bearer).expect(409);

    const listed = await ctx.app.http.get(`/events/${event.id}/letters?status=requested`).set('Authorization', auth).expect(200);
    expect(listed.body.items.map((l: { attendee: { name: string } }) => l.attendee.name)).toEqual(['José Peña']);
    const letterId = listed.body.items[0].id as string;
    const approved = await ctx.app.http.post(`/events/${event.id}/letters/${letterId}/approve`).set('Authorization', auth).expect(200);
    expect(approved.body.status).toBe('approved');

    const mails = await waitFor('the letter email', () => {
      const letters = ctx.smtp.for(peruvian.email).filter((m) => m.parsed.attachments.some((a) => a.contentType === 'application/pdf'));
      return letters.length > 0 ? letters : null;
    });
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`Su carta de invitación para el visado: ${event.title}`);
    const attached = mails[0].parsed.attachments.filter((a) => a.contentType === 'application/pdf');
    expect(attached).toHaveLength(1);
    const text = await pdfText(attached[0].content);
    for (const phrase of [
      'José Peña Quispe',
      '9–10 de marzo de 2027',
      'Palais d’Egmont, Bruselas',
      'Perú',
      'Hélène Dupré',
      'Comité Europeo de las Regiones',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(text).not.toContain('12345678');
    const url = new URL(/(http:\/\/plenary\.test\/letters\/verify\/\S+)/.exec(text)![1]);
    const reference = url.pathname.split('/').pop()!;
    const token = url.searchParams.get('t')!;
    expect(reference).toBe(approved.body.reference);
    expect(
      await pdfText(
        (await ctx.app.http.get('/registrations/me/letter.pdf').set('Authorization', peruvian.bearer).buffer(true).expect(200)).body,
      ),
    ).toBe(text);

    const verified = await ctx.app.http.get(`/letters/${reference}/verification`).query({ t: token }).expect(200);
    expect(verified.body).toMatchObject({
      reference,
      name: 'José Peña Quispe',
      status: 'valid',
      event: { title: event.title, venue: 'Palais d’Egmont, Bruselas' },
    });
    expect(JSON.stringify(verified.body)).not.toMatch(/1234|5678/);
    expect(verified.body.event).toMatchObject({ startsAt: '2027-03-09T09:00:00+01:00', endsAt: '2027-03-10T17:30:00+01:00' });
    expect(approved.body.decidedAt).toMatch(/\+01:00$/);
    const match = await ctx.app.http.post(`/letters/${reference}/passport-check`).send({ token, passportNumber: 'PE12345678' }).expect(200);
    expect(match.body).toEqual({ match: true });
    const noMatch = await ctx.app.http
      .post(`/letters/${reference}/passport-check`)
      .send({ token, passportNumber: 'PE12345679' })
      .expect(200);
    expect(noMatch.body).toEqual({ match: false });
    await ctx.app.http
      .get(`/letters/${reference}/verification`)
      .query({ t: `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}` })
      .expect(404);
    await ctx.app.http.post(`/letters/${reference}/passport-check`).send({ token: 'guessed', passportNumber: 'PE12345678' }).expect(404);

    await ctx.app.http.delete('/registrations/me').set('Authorization', peruvian.bearer).expect(200);
    await waitFor('the letter to be revoked', async () => {
      const now = await ctx.app.http.get(`/letters/${reference}/verification`).query({ t: token }).expect(200);
      return now.body.status === 'revoked' ? now.body : null;
    });
    await ctx.app.http.get('/registrations/me/letter.pdf').set('Authorization', peruvian.bearer).expect(409);

    await ctx.app.http.post(`/events/${event.id}/registrations/${peruvian.id}/erase`).set('Authorization', auth).expect(204);
    expect(await ctx.db.query(`SELECT 1 FROM letter_requests WHERE registration_id = $1`, [peruvian.id])).toHaveLength(0);
    await ctx.app.http.get(`/letters/${reference}/verification`).query({ t: token }).expect(404);
    await ctx.app.http.get(`/events/${event.id}/letters/${letterId}`).set('Authorization', auth).expect(404);

    const audit = await ctx.app.http
      .get(`/events/${event.id}/audit`)
      .query({ action: 'letter.approved' })
      .set('Authorization', auth)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ label: expect.stringContaining(ADMIN.email) }),
        subject: { type: 'letter', id: letterId },
        details: expect.objectContaining({ changes: { status: { from: 'requested', to: 'approved' } } }),
      }),
    ]);
    const issued = await ctx.app.http
      .get(`/events/${event.id}/audit`)
      .query({ action: 'letter.issued' })
      .set('Authorization', auth)
      .expect(200);
    expect(issued.body.items).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ label: expect.stringContaining(ADMIN.email) }),
        subject: { type: 'letter', id: letterId },
        details: expect.objectContaining({ reference, emailedTo: 'participant' }),
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/),
      }),
    ]);

    const log = await ctx.app.http.get(`/events/${event.id}/letters/access-log`).set('Authorization', auth).expect(200);
    const actions = (log.body.items as Array<{ action: string; actorKind: string }>).map((a) => `${a.actorKind}:${a.action}`);
    for (const action of [
      'attendee:submitted',
      'organiser:listed',
      'organiser:approved',
      'system:emailed',
      'attendee:downloaded',
      'consulate:verified',
      'consulate:passport-checked',
      'system:revoked',
      'system:erased',
    ]) {
      expect(actions).toContain(action);
    }
  });

  it('revokes every letter of an event the organisers cancel, issued or still asked for', async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const issued = await register(event.id);
    const asking = await register(event.id);
    const first = await ctx.app.http.put('/registrations/me/letter').set('Authorization', issued.bearer).send(PASSPORT).expect(200);
    await ctx.app.http.put('/registrations/me/letter').set('Authorization', asking.bearer).send(PASSPORT).expect(200);
    const approved = await ctx.app.http.post(`/events/${event.id}/letters/${first.body.id}/approve`).set('Authorization', auth).expect(200);
    const url = new URL(approved.body.verificationUrl);

    await ctx.app.http.post(`/events/${event.id}/cancel`).set('Authorization', auth).send({ reason: 'Venue unavailable' }).expect(200);
    await waitFor('the letters to be revoked', async () => {
      const letters = (await ctx.app.http.get(`/events/${event.id}/letters`).set('Authorization', auth).expect(200)).body.items;
      return letters.every((l: { status: string }) => l.status === 'revoked') ? letters : null;
    });
    const verified = await ctx.app.http
      .get(`${url.pathname.replace('/letters/verify/', '/letters/')}/verification`)
      .query({ t: url.searchParams.get('t') })
      .expect(200);
    expect(verified.body.status).toBe('revoked');
  });

  it('issues a letter only for a confirmed registration (409), and refuses bad passport details naming the field', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { requiresApproval: true });
    const pending = await register(event.id, { language: 'pt' });
    const refused = await ctx.app.http
      .put('/registrations/me/letter')
      .set('Authorization', pending.bearer)
      .send({ ...PASSPORT, passportExpiry: '2020-01-01', nationality: 'XX' })
      .expect(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['nationality']);
    const expired = await ctx.app.http
      .put('/registrations/me/letter')
      .set('Authorization', pending.bearer)
      .send({ ...PASSPORT, passportExpiry: '2020-01-01' })
      .expect(422);
    expect(expired.body.errors.map((e: { field: string }) => e.field)).toEqual(['passportExpiry']);
    const asked = await ctx.app.http.put('/registrations/me/letter').set('Authorization', pending.bearer).send(PASSPORT).expect(200);

    const approval = await ctx.app.http.post(`/events/${event.id}/letters/${asked.body.id}/approve`).set('Authorization', auth).expect(409);
    expect(approval.body.detail).toMatch(/pending/);
    const bulk = await ctx.app.http
      .post(`/events/${event.id}/letters/bulk`)
      .set('Authorization', auth)
      .send({ action: 'approve', letterIds: [asked.body.id] })
      .expect(200);
    expect(bulk.body.results).toEqual([{ letterId: asked.body.id, outcome: 'refused', detail: expect.stringMatching(/pending/) }]);
    await ctx.app.http.post(`/events/${event.id}/registrations/${pending.id}/approve`).set('Authorization', auth).expect(200);
    const rejected = await ctx.app.http
      .post(`/events/${event.id}/letters/bulk`)
      .set('Authorization', auth)
      .send({ action: 'reject', letterIds: [asked.body.id], reason: 'La fecha de nacimiento no coincide' })
      .expect(200);
    expect(rejected.body.results).toEqual([{ letterId: asked.body.id, outcome: 'rejected' }]);
    const mine = await ctx.app.http.get('/registrations/me/letter').set('Authorization', pending.bearer).expect(200);
    expect(mine.body).toMatchObject({ status: 'rejected', rejectionReason: 'La fecha de nacimiento no coincide' });
    const rejection = await waitFor(
      'the rejection email',
      () => ctx.smtp.for(pending.email).find((m) => m.subject === `O seu pedido de carta-convite para o visto: ${event.title}`) ?? null,
    );
    expect(rejection.text).toContain('La fecha de nacimiento no coincide');
    expect(rejection.parsed.attachments).toHaveLength(0);
    await ctx.app.http.put('/registrations/me/letter').set('Authorization', pending.bearer).send(PASSPORT).expect(200);
    const bulkApproved = await ctx.app.http
      .post(`/events/${event.id}/letters/bulk`)
      .set('Authorization', auth)
      .send({ action: 'approve', letterIds: [asked.body.id] })
      .expect(200);
    expect(bulkApproved.body.results).toEqual([{ letterId: asked.body.id, outcome: 'approved' }]);
    await ctx.app.http.put('/registrations/me/letter').set('Authorization', pending.bearer).send(PASSPORT).expect(409);
  });

  it("keeps passport data and letter settings from another event's organisers (404), and the access log from members who are not owners (403)", async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const person = await register(event.id);
    const asked = await ctx.app.http.put('/registrations/me/letter').set('Authorization', person.bearer).send(PASSPORT).expect(200);
    const bruno = await organiser('bruno@other-region.test');
    const own = await createOpenEvent(ctx.app.http, bruno);

    await ctx.app.http.get(`/events/${event.id}/letters`).set('Authorization', bruno).expect(404);
    await ctx.app.http.get(`/events/${event.id}/letters/${asked.body.id}`).set('Authorization', bruno).expect(404);
    await ctx.app.http.post(`/events/${event.id}/letters/${asked.body.id}/approve`).set('Authorization', bruno).expect(404);
    await ctx.app.http.get(`/events/${own.id}/letters/${asked.body.id}`).set('Authorization', bruno).expect(404);
    await ctx.app.http.post(`/events/${own.id}/letters/${asked.body.id}/approve`).set('Authorization', bruno).expect(404);
    await ctx.app.http.get(`/events/${event.id}/letters/${asked.body.id}/pdf`).set('Authorization', bruno).expect(404);
    await ctx.app.http.get('/registrations/me/letter').expect(401);
    const png = qrPng('signature', 2);
    await ctx.app.http
      .put(`/events/${event.id}/letter-settings/signature`)
      .set('Authorization', bruno)
      .set('Content-Type', 'image/png')
      .send(png)
      .expect(404);
    await ctx.app.http
      .put(`/events/${event.id}/letter-settings`)
      .set('Authorization', bruno)
      .send({ letterhead: 'x', signatoryName: 'x', signatoryTitle: 'x' })
      .expect(404);

    const notPng = await ctx.app.http
      .put(`/events/${event.id}/letter-settings/signature`)
      .set('Authorization', auth)
      .send({ image: 'x' })
      .expect(415);
    expect(notPng.body.errors).toEqual([{ field: 'body', message: 'expected image/png' }]);
    const fakePng = await ctx.app.http
      .put(`/events/${event.id}/letter-settings/signature`)
      .set('Authorization', auth)
      .set('Content-Type', 'image/png')
      .send(Buffer.from('not really a png at all, only text'))
      .expect(415);
    expect(fakePng.body.errors[0].field).toBe('body');
    const signed = await ctx.app.http
      .put(`/events/${event.id}/letter-settings/signature`)
      .set('Authorization', auth)
      .set('Content-Type', 'image/png')
      .send(png)
      .expect(200);
    expect(signed.body.hasSignatureImage).toBe(true);
    const unsigned = await ctx.app.http.delete(`/events/${event.id}/letter-settings/signature`).set('Authorization', auth).expect(200);
    expect(unsigned.body.hasSignatureImage).toBe(false);

    await ctx.app.http
      .post(`/events/${event.id}/members`)
      .set('Authorization', auth)
      .send({ email: 'bruno@other-region.test', role: 'organiser' })
      .expect(201);
    const seen = await ctx.app.http.get(`/events/${event.id}/letters/${asked.body.id}`).set('Authorization', bruno).expect(200);
    expect(seen.body.passportNumber).toBe('••••••78');
    await ctx.app.http.get(`/events/${event.id}/letters/access-log`).set('Authorization', bruno).expect(403);
    await ctx.app.http.get(`/events/${event.id}/letters/export`).set('Authorization', bruno).expect(403);

    const registrations = await ctx.app.http
      .get(`/events/${event.id}/registrations`)
      .query({ format: 'csv' })
      .set('Authorization', auth)
      .expect(200);
    expect(registrations.text).not.toContain('Quispe');
    const exported = await ctx.app.http
      .get(`/events/${event.id}/letters/export`)
      .query({ download: '1' })
      .set('Authorization', auth)
      .expect(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.text.startsWith('\uFEFFreference,status,attendee')).toBe(true);
    expect(exported.text).toContain('José Peña Quispe');
    expect(exported.text).toContain('••••••78');
    expect(exported.text).not.toContain('12345678');
    const log = await ctx.app.http.get(`/events/${event.id}/letters/access-log`).set('Authorization', auth).expect(200);
    expect(log.body.items).toContainEqual(expect.objectContaining({ letterId: asked.body.id, actorKind: 'organiser', action: 'exported' }));
    const exports = await ctx.app.http
      .get(`/events/${event.id}/audit`)
      .query({ action: 'passport-data.exported' })
      .set('Authorization', auth)
      .expect(200);
    expect(exports.body.items).toHaveLength(1);
  });
});
