import { presenterTokenIn } from '../../support/presenter-invitations';
import { createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

describe('a presenter asks for a new link', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  /** The once-a-minute slot the invitation took, as if that minute had passed. */
  const aMinuteLater = () => ctx.db.query(`UPDATE magic_link_resends SET last_sent_at = now() - interval '2 minutes'`);

  it('emails an invited presenter a fresh link in their language, once a minute, and answers every address the same', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const [invited, uninvited] = [`rosa-${Date.now()}@piura.test`, `ana-${Date.now()}@flanders.test`];
    const presenter = (email: string, name: string) => ({
      name,
      email,
      organisation: 'Gobierno Regional Piura',
      region: 'Piura',
      countryCode: 'PE',
    });
    const presentation = await ctx.app.http
      .post(`/events/${event.id}/presentations`)
      .set('Authorization', auth)
      .send({ title: 'Water boards in Piura', presenters: [{ ...presenter(invited, 'Rosa Chumpitaz'), language: 'es' }] })
      .expect(201);
    await ctx.app.http
      .post(`/events/${event.id}/presentations`)
      .set('Authorization', auth)
      .send({ title: 'Ports of Flanders', presenters: [presenter(uninvited, 'Ana Peeters')] })
      .expect(201);
    await ctx.app.http.post(`/presentations/${presentation.body.id}/invitations`).set('Authorization', auth).send({}).expect(201);
    await ctx.smtp.waitForMail(invited);
    await aMinuteLater();

    const ask = (email: string) => ctx.app.http.post('/presenters/link').send({ email }).expect(202);
    const answers = [await ask(invited.toUpperCase()), await ask(invited), await ask(uninvited), await ask('nobody@region.test')];
    expect(new Set(answers.map((a) => a.body.detail)).size).toBe(1);
    const [, fresh] = await ctx.smtp.waitForMail(invited, 2);
    expect(fresh.subject).toBe(`Su enlace de ponente: ${event.title}`);
    expect(fresh.text).toContain('ha pedido un nuevo enlace a su página de ponente');
    const me = await ctx.app.http
      .get('/me/presentations')
      .set('Authorization', `Bearer ${presenterTokenIn(fresh)}`)
      .expect(200);
    expect(me.body.items.map((p: { title: string }) => p.title)).toEqual(['Water boards in Piura']);

    // The second request for the invited address came within the minute: one link, and none to the others.
    const kinds = await ctx.db.query(`SELECT to_address FROM emails WHERE kind = 'presenter-link'`);
    expect(kinds.map((row) => row.to_address)).toEqual([invited]);
    expect(ctx.smtp.for(uninvited)).toHaveLength(0);
  });

  it('refuses a request without a valid address, naming the field', async () => {
    const refused = await ctx.app.http.post('/presenters/link').send({ email: 'not an address' }).expect(400);
    expect(refused.body.errors).toEqual([{ field: 'email', message: 'expected an email address' }]);
  });
});
