import { qrPng } from '../../../src/platform/qr/qr-png';
import { dashboardAgent } from '../../support/dashboard-agent';
import { attendee, createOpenEvent } from '../../support/future-event';
import { passportDetails } from '../../support/letter-request';
import { pdfText } from '../../support/pdf-text';
import { registrationBearerIn } from '../../support/registration-link';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

const PASSPORT = passportDetails({
  passportName: 'Ana Lucía Torres',
  nationality: 'CL',
  passportNumber: 'F12345678',
  passportExpiry: '2032-01-01',
  dateOfBirth: '1979-04-30',
  consulateCity: 'Santiago',
  consulateCountry: 'CL',
});

describe('the dashboard letters page', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  async function asksForLetter(eventId: string, name: string) {
    const body = attendee({ name });
    await ctx.app.http.post(`/events/${eventId}/registrations`).send(body).expect(201);
    const [mail] = await ctx.smtp.waitForMail(body.email);
    const asked = await ctx.app.http
      .put('/registrations/me/letter')
      .set('Authorization', registrationBearerIn(mail.text))
      .send({ ...PASSPORT, passportName: name })
      .expect(200);
    return asked.body.id as string;
  }

  it('lists requests without passport numbers, issues in bulk only for confirmed registrations, rejects with a reason and prints the settings', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { capacity: 1 });
    const confirmed = await asksForLetter(event.id, 'Ana Lucía Torres');
    const waitlisted = await asksForLetter(event.id, 'Íñigo Sáez');
    const organiser = await dashboardAgent(ctx.app.plenary.url!, ADMIN.email, ADMIN.password);
    const base = `/dashboard/events/${event.id}/letters`;

    const page = await organiser.get(base).expect(200);
    expect(page.text).toContain('Ana Lucía Torres');
    expect(page.text).toContain('Íñigo Sáez');
    expect(page.text).toContain('••••••78');
    expect(page.text).not.toContain('12345678');

    const saved = await organiser.post(`${base}/settings`, {
      letterhead: 'Comité européen des régions\nRue Belliard 101, Bruxelles',
      signatoryName: 'Françoise Lebrun',
      signatoryTitle: 'Cheffe d’unité',
    });
    expect(saved.status).toBe(303);
    const signature = await organiser.agent
      .post(`${base}/signature?_csrf=${encodeURIComponent(organiser.csrf)}`)
      .attach('file', qrPng('signature', 2), { filename: 'signature.png', contentType: 'image/png' })
      .expect(303);
    expect(signature.headers.location).toContain('done=signature');
    const notPng = await organiser.agent
      .post(`${base}/signature?_csrf=${encodeURIComponent(organiser.csrf)}`)
      .attach('file', Buffer.from('GIF89a not a png'), { filename: 'signature.gif', contentType: 'image/gif' });
    expect(notPng.status).toBe(415);
    expect(notPng.text).toContain('The file is not a PNG image that can be read.');

    const bulk = await organiser.agent
      .post(`${base}/bulk`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(organiser.csrf)}&action=approve&letterIds=${confirmed}&letterIds=${waitlisted}`);
    expect(bulk.status).toBe(409);
    expect(bulk.text).toMatch(/Some letters could not be issued:[\s\S]*waitlisted/);
    const letters = (await ctx.app.http.get(`/events/${event.id}/letters`).set('Authorization', auth).expect(200)).body.items as Array<{
      id: string;
      status: string;
    }>;
    expect(Object.fromEntries(letters.map((l) => [l.id, l.status]))).toEqual({ [confirmed]: 'approved', [waitlisted]: 'requested' });

    const noReason = await organiser.post(`${base}/${waitlisted}/reject`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain(`id="reason-${waitlisted}-error"`);
    expect((await organiser.post(`${base}/${waitlisted}/reject`, { reason: 'Sin plaza confirmada' })).status).toBe(303);

    const pdf = await organiser.agent.get(`${base}/${confirmed}/pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.body as Buffer);
    for (const phrase of ['Comité européen des régions', 'Françoise Lebrun', 'Cheffe d’unité', 'Ana Lucía Torres'])
      expect(text).toContain(phrase);

    const csv = await organiser.agent.get(`${base}/export.csv`).expect(200);
    expect(csv.text).toContain('Íñigo Sáez');
    expect(csv.text).not.toContain('12345678');

    expect((await organiser.post(`${base}/${confirmed}/revoke`, {})).status).toBe(303);
    const after = await organiser.get(`${base}?status=revoked`).expect(200);
    expect(after.text).toContain('Ana Lucía Torres');
    expect(after.text).not.toContain('Íñigo Sáez');
  });

  it("shows another event's organiser nothing of its letters (404)", async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const letter = await asksForLetter(event.id, 'Rosa Quispe');
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', auth)
      .send({ email: 'outsider@region.test', name: 'Out Sider', password: 'outsider-password-1' })
      .expect(201);
    const outsider = await dashboardAgent(ctx.app.plenary.url!, 'outsider@region.test', 'outsider-password-1');
    await outsider.get(`/dashboard/events/${event.id}/letters`).expect(404);
    await outsider.agent.get(`/dashboard/events/${event.id}/letters/${letter}/pdf`).expect(404);
    expect((await outsider.post(`/dashboard/events/${event.id}/letters/${letter}/approve`, {})).status).toBe(404);
    const stillRequested = await ctx.app.http.get(`/events/${event.id}/letters/${letter}`).set('Authorization', auth).expect(200);
    expect(stillRequested.body.status).toBe('requested');
  });
});
