import { ReceivedMail } from './smtp-sink';
import { TestContext } from './use-test-app';

/** The token of a presenter link (`…/presenter?token=…`) in an email's text. */
export function presenterTokenIn(mail: ReceivedMail): string {
  const match = /\/presenter\?token=([A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!match) throw new Error(`no presenter link in "${mail.subject}"`);
  return decodeURIComponent(match[1]);
}

/**
 * Invites the presentation's presenters through the API and returns each
 * emailed presenter's token by email address, read from the message that
 * reached the SMTP sink.
 */
export async function invitePresenters(ctx: TestContext, auth: string, presentationId: string): Promise<Record<string, string>> {
  const { http } = ctx.app;
  const presenters = (await http.get(`/presentations/${presentationId}/invitations`).set('Authorization', auth).expect(200)).body
    .items as Array<{
    email: string;
  }>;
  const before = new Map(presenters.map((p) => [p.email, ctx.smtp.for(p.email).length]));
  const invited = await http.post(`/presentations/${presentationId}/invitations`).set('Authorization', auth).send({}).expect(201);
  const tokens: Record<string, string> = {};
  for (const { email } of invited.body.emailed as Array<{ email: string }>) {
    const mails = await ctx.smtp.waitForMail(email, (before.get(email) ?? 0) + 1);
    tokens[email] = presenterTokenIn(mails[mails.length - 1]);
  }
  return tokens;
}
