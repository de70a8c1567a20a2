import request from 'supertest';
import { attendee, createOpenEvent } from '../support/future-event';
import { PlenaryProcess, cleanEnv } from '../support/plenary-process';
import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';

describe('links in emails without PUBLIC_URL', () => {
  const ctx = useTestApp({ PORT: '0', PUBLIC_URL: '' });

  it('point at the port the all role actually serves, and open', async () => {
    const served = new URL(ctx.app.plenary.url as string);
    const auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const event = await createOpenEvent(ctx.app.http, auth);
    const person = attendee();
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(person).expect(201);

    const [mail] = await ctx.smtp.waitForMail(person.email);
    const link = new URL(/https?:\/\/\S+\/my-registration\?token=\S+/.exec(mail.text)?.[0] ?? '(no link in the mail)');
    expect(link.port).toBe(served.port);
    expect(link.hostname).toBe('localhost');

    const browser = request.agent(link.origin);
    const page = await browser.get(`${link.pathname}${link.search}`).redirects(2).expect(200);
    expect(page.text).toContain(person.name);
  });
});

describe('the api and worker roles without PUBLIC_URL', () => {
  it.each(['api', 'worker'])('PLENARY_ROLE=%s refuses to boot and names PUBLIC_URL', async (role) => {
    const child = new PlenaryProcess(cleanEnv({ PLENARY_ROLE: role, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' })).start();
    expect(await child.finished()).toBe(2);
    expect(child.text).toContain(`PLENARY_ROLE=${role} needs PUBLIC_URL`);
  });
});
