import { attendee, createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';
import { organiserAgent, unescape } from './dashboard-emails-support';

interface OutboxRow {
  id: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
}

describe('dashboard outbox: each message as sent, resend every failed one, in the organiser’s language', () => {
  const ctx = useTestApp();
  let auth: string;
  let event: Awaited<ReturnType<typeof createOpenEvent>>;
  let organiser: Awaited<ReturnType<typeof organiserAgent>>;
  const emails = () => `/dashboard/events/${event.id}/emails`;

  const outbox = async (): Promise<OutboxRow[]> =>
    (await ctx.app.http.get(`/events/${event.id}/emails`).set('Authorization', auth).expect(200)).body.items;
  const emailTo = async (address: string, status: string) =>
    waitFor(`the email to ${address} to be ${status}`, async () => (await outbox()).find((e) => e.to === address && e.status === status));

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    organiser = await organiserAgent(ctx.app.plenary.url as string, ADMIN.email, ADMIN.password);
  });

  it('opens a sent message from the outbox: headers, the HTML in a sandboxed frame of its own and the text version', async () => {
    const luisa = attendee({ name: 'Luisa Pérez', language: 'es' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(luisa).expect(201);
    const [received] = await ctx.smtp.waitForMail(luisa.email);
    const sent = await emailTo(luisa.email, 'sent');

    const list = await organiser.get(emails()).expect(200);
    expect(list.text).toContain(`href="${emails()}/${sent.id}"`);

    const page = await organiser.get(`${emails()}/${sent.id}`).expect(200);
    const text = unescape(page.text);
    expect(text).toContain(`<dd>Luisa Pérez <${luisa.email}></dd>`);
    expect(text).toContain(`<dd lang="es">${received.subject}</dd>`);
    expect(text).toContain('<span class="badge status-sent">Sent</span>');
    expect(text).toContain('<dd>Spanish</dd>');
    expect(text).toMatch(/<dt>Sent<\/dt><dd>\d/);
    expect(text).toContain(`<pre class="mail-text" lang="es">${received.text.trim()}`);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const frameSrc = /<iframe class="mail-frame" src="([^"]+)" sandbox title="[^"]+"><\/iframe>/.exec(page.text)?.[1];
    expect(frameSrc).toBe(`${emails()}/${sent.id}/frame`);
    const frame = await organiser.get(frameSrc as string).expect(200);
    const policy = frame.headers['content-security-policy'];
    expect(policy.split('; ')).toEqual(
      expect.arrayContaining(['sandbox', "default-src 'none'", "frame-ancestors 'self'", 'img-src data:']),
    );
    expect(policy).not.toMatch(/script-src/);
    expect(frame.text).toContain('<html lang="es">');
    expect(frame.text).toContain('Enviado por Plenary.');
    // The QR image the mail carries as an attachment, inline so the frame needs no request.
    expect(frame.text).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="Código QR/);
    expect(frame.text).not.toContain('cid:');
  });

  it('answers 404 for another event’s organiser, and for an email of another event', async () => {
    const other = { email: 'olga@other.test', name: 'Olga Other', password: 'olga-password-1' };
    await ctx.app.http.post('/organisers').set('Authorization', auth).send(other).expect(201);
    const [row] = await outbox();
    const olga = await organiserAgent(ctx.app.plenary.url as string, other.email, other.password);
    await olga.get(`${emails()}/${row.id}`).expect(404);
    await olga.get(`${emails()}/${row.id}/frame`).expect(404);
    await olga.get(`${emails()}/resend-failed`).expect(404);
    await olga.post(`${emails()}/resend-failed`).expect(404);

    const theirs = await createOpenEvent(ctx.app.http, await login(ctx.app.http, other.email, other.password), { defaultReminders: false });
    await organiser.get(`/dashboard/events/${theirs.id}/emails/${row.id}`).expect(404);
    await organiser.get(`${emails()}/00000000-0000-4000-8000-000000000000`).expect(404);
  });

  it('resends every failed message after a confirmation naming how many, and sends the sent ones no second time', async () => {
    const [ana, bruno, carla] = [attendee({ name: 'Ana Failed' }), attendee({ name: 'Bruno Failed' }), attendee({ name: 'Carla Sent' })];
    for (const person of [ana, bruno]) {
      ctx.smtp.replyWith(550);
      await ctx.app.http.post(`/events/${event.id}/registrations`).send(person).expect(201);
      await emailTo(person.email, 'failed');
    }
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(carla).expect(201);
    await ctx.smtp.waitForMail(carla.email);
    const sentBefore = (await outbox()).filter((e) => e.status === 'sent');

    const list = await organiser.get(emails()).expect(200);
    expect(list.text).toContain(`href="${emails()}/resend-failed">Resend every failed email (2)</a>`);
    const confirm = await organiser.get(`${emails()}/resend-failed`).expect(200);
    expect(confirm.text).toContain('Failed emails to send again: 2.');

    await organiser.post(`${emails()}/resend-failed`, {}, false).expect(403);
    expect((await outbox()).filter((e) => e.status === 'failed')).toHaveLength(2);

    const done = await organiser.post(`${emails()}/resend-failed`).expect(303);
    expect(done.headers.location).toBe(`${emails()}?resentFailed=2`);
    const summary = await organiser.get(done.headers.location).expect(200);
    expect(summary.text).toContain('Emails queued to be sent again: 2.');

    for (const person of [ana, bruno]) {
      const [mail] = await ctx.smtp.waitForMail(person.email);
      expect(mail.subject).toBe(`Registration confirmed: ${event.title}`);
      await emailTo(person.email, 'sent');
    }
    const after = await outbox();
    expect(after.filter((e) => e.status === 'failed')).toEqual([]);
    for (const earlier of sentBefore) {
      expect(after.find((e) => e.id === earlier.id)).toMatchObject({ status: 'sent', attempts: earlier.attempts });
      expect(ctx.smtp.for(earlier.to)).toHaveLength(1);
    }
    expect(ctx.smtp.for(ana.email)).toHaveLength(1);

    const nothing = await organiser.get(`${emails()}/resend-failed`).expect(200);
    expect(nothing.text).toContain('No email of this event has failed.');
  });

  it('filters by status and kind with labels in the page’s language, never the raw values', async () => {
    const spanish = await organiserAgent(ctx.app.plenary.url as string, ADMIN.email, ADMIN.password, 'es');
    const page = await spanish.get(`${emails()}?status=sent&kind=registration-confirmed`).expect(200);
    const text = unescape(page.text);
    expect(text).toContain('<option value="sent" selected>Enviado</option>');
    expect(text).toContain('<option value="registration-confirmed" selected>Inscripción confirmada</option>');
    const rows = [...text.matchAll(/<tr data-email-id="[^"]+">([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toContain('<td>Inscripción confirmada</td>');
      expect(row).toContain('<span class="badge status-sent">Enviado</span>');
    }
    const body = text.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' ');
    expect(body).not.toMatch(/\bregistration-confirmed\b|\bfailed\b|\bqueued\b/);

    // A page at a time, newest first, as the API pages: the next page follows the cursor and keeps the filter.
    const api = (await ctx.app.http.get(`/events/${event.id}/emails?status=sent`).set('Authorization', auth).expect(200)).body
      .items as OutboxRow[];
    expect(api.length).toBeGreaterThanOrEqual(4);
    const shown: string[] = [];
    let next: string | undefined = `${emails()}?status=sent&limit=2`;
    while (next) {
      const listed = unescape((await organiser.get(next).expect(200)).text);
      const ids = [...listed.matchAll(/<tr data-email-id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length).toBeLessThanOrEqual(2);
      shown.push(...ids);
      next = /<a href="([^"]+)">Older emails<\/a>/.exec(listed)?.[1];
      if (next) expect(next).toMatch(/status=sent&limit=2&cursor=/);
    }
    expect(shown).toEqual(api.map((e) => e.id));

    const refused = await spanish.get(`${emails()}?status=lost`).expect(400);
    expect(refused.text).toContain('has-error');
  });
});
