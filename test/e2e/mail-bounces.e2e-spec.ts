import { attendee, createOpenEvent } from '../support/future-event';
import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';
import { waitFor } from '../support/wait-for';

const SECRET = 'a-shared-secret-of-the-provider';

describe('bounces and resends', () => {
  const ctx = useTestApp({ PLENARY_MAIL_WEBHOOK_SECRET: SECRET });
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  const emailsTo = async (eventId: string, address: string) =>
    (await ctx.app.http.get(`/events/${eventId}/emails`).set('Authorization', auth).expect(200)).body.items.filter(
      (e: { to: string }) => e.to === address,
    );

  it("marks a message bounced from the webhook, holds further mail to the address for that event, and resends on an organiser's say", async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false, capacity: 1 });
    const body = attendee();
    const created = await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    const [mail] = await ctx.smtp.waitForMail(body.email);
    const messageId = mail.parsed.messageId as string;

    await ctx.app.http.post('/webhooks/mail-events').send({ type: 'bounce', messageId }).expect(401);
    await ctx.app.http
      .post('/webhooks/mail-events')
      .set('X-Plenary-Webhook-Secret', 'wrong-secret-of-the-same-len')
      .send({ type: 'bounce', messageId })
      .expect(401);
    const recorded = await ctx.app.http
      .post('/webhooks/mail-events')
      .set('X-Plenary-Webhook-Secret', SECRET)
      .send({
        events: [
          { type: 'bounce', messageId: messageId.replace(/[<>]/g, ''), permanent: true, reason: '550 5.1.1 no such user' },
          { type: 'bounce', messageId: '<unknown@x>' },
        ],
      })
      .expect(200);
    expect(recorded.body).toEqual({ matched: 1, unknown: ['<unknown@x>'] });
    const [bounced] = await emailsTo(event.id, body.email);
    expect(bounced).toMatchObject({ status: 'bounced', lastError: expect.stringContaining('no such user') });

    await ctx.app.http.post(`/events/${event.id}/registrations/${created.body.id}/cancel`).set('Authorization', auth).expect(200);
    const held = await waitFor('the cancellation to be written and held back', async () =>
      (await emailsTo(event.id, body.email)).find((e: { kind: string }) => e.kind === 'registration-cancelled'),
    );
    expect(held).toMatchObject({ status: 'cancelled', lastError: expect.stringMatching(/^not sent: the address bounced/) });
    const list = await ctx.app.http.get(`/events/${event.id}/emails`).set('Authorization', auth).expect(200);
    expect(list.body.counts.byStatus).toMatchObject({ bounced: 1, cancelled: 1 });

    await ctx.app.http.post(`/events/${event.id}/emails/${held.id}/resend`).set('Authorization', auth).expect(202);
    await ctx.smtp.waitForMail(body.email, 2);
    await waitFor('the resent email to show as sent', async () =>
      (await emailsTo(event.id, body.email)).find((e: { id: string; status: string }) => e.id === held.id && e.status === 'sent'),
    );
    await ctx.app.http.post(`/events/${event.id}/emails/${held.id}/resend`).set('Authorization', auth).expect(409);
  });

  it('resends a mail that failed after a 550', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const body = attendee();
    ctx.smtp.replyWith(550);
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    const failed = await waitFor('the confirmation to fail', async () =>
      (await emailsTo(event.id, body.email)).find((e: { status: string }) => e.status === 'failed'),
    );
    expect(failed.lastError).toMatch(/550/);
    await ctx.app.http.post(`/events/${event.id}/emails/${failed.id}/resend`).set('Authorization', auth).expect(202);
    const [mail] = await ctx.smtp.waitForMail(body.email);
    expect(mail.subject).toMatch(/^Registration confirmed/);
  });
});
