import { attendee } from '../../support/future-event';
import type { TestContext } from '../../support/use-test-app';

/** The personal link from a registration email, pointed at the running app instead of PUBLIC_URL. */
export function myRegistrationLink(ctx: TestContext, mailText: string): string {
  const link = /(http:\/\/plenary\.test\/my-registration\?token=\S+)/.exec(mailText)?.[1] ?? '';
  return link && link.replace('http://plenary.test', ctx.app.plenary.url ?? '');
}

/** Registers a fresh attendee through the public API and waits for the confirmation email. */
export async function registeredAttendee(ctx: TestContext, eventId: string, overrides: Record<string, unknown> = {}) {
  const person = attendee(overrides);
  const email = String(person.email);
  await ctx.app.http.post(`/events/${eventId}/registrations`).send(person).expect(201);
  const [mail] = await ctx.smtp.waitForMail(email);
  return { person, email, link: myRegistrationLink(ctx, mail.text) };
}
