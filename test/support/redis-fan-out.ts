import { CountingSmtpSink } from './counting-smtp-sink';
import { SeededAttendee } from './seed-attendees';
import { TestApp } from './test-app';
import { TestDatabase } from './test-database';
import { REDIS_WAIT_MS } from './redis-server';
import { createReminderSoon } from './reminder-soon';
import { waitFor } from './wait-for';

/** How long a reminder's fan-out and delivery may take on a loaded machine; follows TEST_REDIS_WAIT_MS. */
export const DELIVERY_WAIT_MS = 4 * REDIS_WAIT_MS;
/** Limit of a test or setup hook in these suites: servers starting, a failover, a delivery. */
export const REDIS_TEST_TIMEOUT_MS = DELIVERY_WAIT_MS + 3 * REDIS_WAIT_MS;

/** A reminder rule to everyone confirmed, due `inMs` from now. */
export async function scheduleReminder(http: TestApp['http'], auth: string, eventId: string, inMs: number): Promise<string> {
  const rule = await createReminderSoon(http, auth, eventId, { name: 'Soon', offsetMinutes: 0, audience: 'confirmed' }, inMs);
  return rule.id;
}

/** Waits until the rule's reminder is fanned out and every reminder row of the event is sent. */
export async function waitForReminderSent(db: TestDatabase, eventId: string, ruleId: string, timeoutMs = DELIVERY_WAIT_MS): Promise<void> {
  await waitFor(
    'the reminder to be fanned out and every reminder sent',
    async () => {
      const [reminder] = await db.query<{ state: string }>(`SELECT state FROM scheduled_reminders WHERE rule_id = $1`, [ruleId]);
      const [unsent] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM emails WHERE kind = 'reminder' AND event_id = $1 AND status <> 'sent'`,
        [eventId],
      );
      return reminder?.state === 'fanned_out' && unsent.n === 0;
    },
    timeoutMs,
    100,
  );
}

/** How many reminders each attendee received, keyed by count: `{1: n}` when every one got exactly one. */
export function deliveriesPerRecipient(smtp: CountingSmtpSink, attendees: SeededAttendee[]): Record<number, number> {
  const histogram: Record<number, number> = {};
  for (const { email } of attendees) {
    const count = smtp.byRecipient.get(email.toLowerCase()) ?? 0;
    histogram[count] = (histogram[count] ?? 0) + 1;
  }
  return histogram;
}
