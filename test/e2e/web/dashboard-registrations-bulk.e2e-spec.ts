import { ReceivedMail } from '../../support/smtp-sink';
import { attendee, createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { Agent, organiserAgent, textOf } from './dashboard-registrations-support';

interface Person {
  id: string;
  name: string;
  email: string;
}

/**
 * The bulk actions of the registrations page, on a real SMTP peer: each
 * person selected receives the very email the API's single action sends
 * (compared with one registration handled through the API), and rows that
 * cannot take the action are reported in the summary.
 */
describe('organiser dashboard: bulk actions on selected registrations', () => {
  const ctx = useTestApp();
  let auth: string;
  let event: Awaited<ReturnType<typeof createOpenEvent>>;
  let agent: Agent;
  let csrf: string;

  const bulkPath = () => `/dashboard/events/${event.id}/registrations/bulk`;
  const register = async (status: 'pending' | 'confirmed', overrides: Record<string, unknown> = {}): Promise<Person> => {
    const body = { ...attendee(overrides), notify: false, ...(status === 'pending' ? { status } : {}) };
    const created = await ctx.app.http.post(`/events/${event.id}/registrations`).set('Authorization', auth).send(body).expect(201);
    expect(created.body.status).toBe(status);
    return { id: created.body.id, name: body.name as string, email: body.email as string };
  };
  const statusOf = async (person: Person) =>
    (await ctx.app.http.get(`/events/${event.id}/registrations/${person.id}`).set('Authorization', auth).expect(200)).body.status;
  const selection = (action: string, people: Person[]) =>
    `${bulkPath()}?action=${action}&${people.map((p) => `registrationId=${p.id}`).join('&')}`;
  const apply = (action: string, people: Person[], extra: Record<string, string> = {}) =>
    agent
      .post(bulkPath())
      .type('form')
      .send(
        [
          `_csrf=${encodeURIComponent(csrf)}`,
          `action=${action}`,
          ...people.map((p) => `registrationId=${p.id}`),
          ...Object.entries(extra).map(([k, v]) => `${k}=${v}`),
        ].join('&'),
      );

  /** The mail as its reader sees it, with what is personal to them (name, address, links, codes) set aside. */
  const sameForAnyone = (mail: ReceivedMail, person: Person) => ({
    subject: mail.subject,
    text: mail.text
      .split(person.name)
      .join('NAME')
      .split(person.email)
      .join('EMAIL')
      .replace(/https?:\/\/\S+/g, 'LINK')
      .replace(/\b[A-HJ-NP-Z2-9]{8}\b/g, 'CODE'),
  });

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    event = await createOpenEvent(ctx.app.http, auth, { capacity: 50 });
    ({ agent, csrf } = await organiserAgent(ctx.app.plenary.url as string, ADMIN.email, ADMIN.password));
  });

  it('approves the selected registrations after a confirmation naming them, and each receives the API’s confirmation email', async () => {
    const single = await register('pending');
    const selected = [await register('pending'), await register('pending')];
    const cancelled = await register('confirmed');
    await ctx.app.http.post(`/events/${event.id}/registrations/${cancelled.id}/cancel`).set('Authorization', auth).expect(200);
    await ctx.smtp.waitForMail(cancelled.email);
    await ctx.app.http.post(`/events/${event.id}/registrations/${single.id}/approve`).set('Authorization', auth).expect(200);
    const [reference] = await ctx.smtp.waitForMail(single.email);

    const confirm = await agent.get(selection('approve', [...selected, cancelled])).expect(200);
    const asked = textOf(confirm.text);
    expect(asked).toContain('Approve 2 registration(s)?');
    for (const person of selected) expect(asked).toContain(person.name);
    expect(asked).toContain('1 will not change');
    expect(asked).toContain(`${cancelled.name} ${cancelled.email} Not changed: already cancelled`);
    for (const person of selected) expect(await statusOf(person)).toBe('pending');

    const done = await apply('approve', [...selected, cancelled]).expect(200);
    expect(textOf(/<p[^>]*id="bulk-summary"[^>]*>[\s\S]*?<\/p>/.exec(done.text)?.[0] ?? '').trim()).toBe('2 approved, 1 already cancelled');
    for (const person of selected) {
      expect(await statusOf(person)).toBe('confirmed');
      const [mail] = await ctx.smtp.waitForMail(person.email);
      expect(sameForAnyone(mail, person)).toEqual(sameForAnyone(reference, single));
    }
    expect(await statusOf(cancelled)).toBe('cancelled');
    expect(ctx.smtp.for(cancelled.email)).toHaveLength(1);
  });

  it('rejects the selected registrations, reporting a confirmed one rather than failing, with the API’s rejection email', async () => {
    const single = await register('pending');
    const selected = [await register('pending'), await register('pending')];
    const confirmed = await register('confirmed');
    await ctx.app.http.post(`/events/${event.id}/registrations/${single.id}/reject`).set('Authorization', auth).expect(200);
    const [reference] = await ctx.smtp.waitForMail(single.email);

    const done = await apply('reject', [...selected, confirmed]).expect(200);
    expect(textOf(/<p[^>]*id="bulk-summary"[^>]*>[\s\S]*?<\/p>/.exec(done.text)?.[0] ?? '').trim()).toBe('2 rejected, 1 already confirmed');
    expect(textOf(done.text)).toContain(`${confirmed.name} ${confirmed.email} Not changed: already confirmed`);
    for (const person of selected) {
      expect(await statusOf(person)).toBe('rejected');
      const [mail] = await ctx.smtp.waitForMail(person.email);
      expect(sameForAnyone(mail, person)).toEqual(sameForAnyone(reference, single));
    }
    expect(await statusOf(confirmed)).toBe('confirmed');
  });

  it('cancels the selected registrations with the API’s cancellation email, counting an already cancelled one apart', async () => {
    const single = await register('confirmed');
    const selected = [await register('confirmed'), await register('confirmed')];
    await ctx.app.http.post(`/events/${event.id}/registrations/${single.id}/cancel`).set('Authorization', auth).expect(200);
    const [reference] = await ctx.smtp.waitForMail(single.email);

    const done = await apply('cancel', [...selected, single]).expect(200);
    expect(textOf(/<p[^>]*id="bulk-summary"[^>]*>[\s\S]*?<\/p>/.exec(done.text)?.[0] ?? '').trim()).toBe(
      '2 cancelled, 1 already cancelled',
    );
    for (const person of selected) {
      expect(await statusOf(person)).toBe('cancelled');
      const [mail] = await ctx.smtp.waitForMail(person.email);
      expect(sameForAnyone(mail, person)).toEqual(sameForAnyone(reference, single));
    }
    expect(ctx.smtp.for(single.email)).toHaveLength(1);
  });

  it('checks in the selected on a chosen day when today is not an event day, and refuses no day beside the day field', async () => {
    const selected = [await register('confirmed'), await register('confirmed')];
    const pending = await register('pending');
    const [day1, day2] = event.days;

    const confirm = await agent.get(selection('check_in', [...selected, pending])).expect(200);
    expect(textOf(confirm.text)).toContain('is not a day of the event: choose the day.');
    expect(confirm.text).toMatch(/<option value="">Choose a day<\/option>/);

    const noDay = await apply('check_in', [...selected, pending], { day: '' }).expect(422);
    expect(noDay.text).toMatch(/id="f-day-error">Choose one of the days of the event\./);
    expect(noDay.text).toContain('aria-describedby="f-day-error"');
    const badDay = await apply('check_in', selected, { day: 'tuesday' }).expect(400);
    expect(badDay.text).toMatch(/id="f-day-error">/);

    const done = await apply('check_in', [...selected, pending], { day: day2 }).expect(200);
    expect(textOf(/<p[^>]*id="bulk-summary"[^>]*>[\s\S]*?<\/p>/.exec(done.text)?.[0] ?? '').trim()).toBe(
      '2 checked in, 1 still awaiting approval',
    );
    const again = await apply('check_in', selected, { day: day2 }).expect(200);
    expect(textOf(/<p[^>]*id="bulk-summary"[^>]*>[\s\S]*?<\/p>/.exec(again.text)?.[0] ?? '').trim()).toBe('2 already checked in that day');

    const checkIns = (await ctx.app.http.get(`/events/${event.id}/check-ins?day=${day2}`).set('Authorization', auth).expect(200)).body;
    expect(checkIns.items.map((c: { registrationId: string }) => c.registrationId).sort()).toEqual(selected.map((p) => p.id).sort());
    expect(checkIns.countsByDay).toEqual({ [day1]: 0, [day2]: 2 });
    // The API's check-in sends no email; neither does the bulk one.
    for (const person of selected) expect(ctx.smtp.for(person.email)).toEqual([]);
  });

  it('refuses a bulk action posted without its CSRF value and changes nothing', async () => {
    const person = await register('pending');
    await agent.post(bulkPath()).type('form').send(`action=approve&registrationId=${person.id}`).expect(403);
    expect(await statusOf(person)).toBe('pending');
  });

  it('hands the selection to the announcement page with GET, and lists a select-all link', async () => {
    const page = await agent.get(`/dashboard/events/${event.id}/registrations?select=all`).expect(200);
    expect(page.text).toContain(`formaction="/dashboard/events/${event.id}/announcements/new" formmethod="get"`);
    const boxes =
      page.text.match(/<input type="checkbox" form="bulk" name="registrationId" value="[^"]+" id="select-[^"]+" checked/g) ?? [];
    expect(boxes.length).toBeGreaterThan(10);
    expect(textOf(page.text)).toContain('Clear the selection');
  });
});
