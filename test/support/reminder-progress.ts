import { TestDatabase } from './test-database';

export interface ReminderProgress {
  rows: number;
  sent: number;
  sending: number;
  /** The state of the event's one scheduled reminder. */
  state: string;
}

/** How far the reminder of an event with one rule and one occurrence has got: its outbox rows and their sending. */
export async function reminderProgress(db: TestDatabase, eventId: string): Promise<ReminderProgress> {
  const [row] = await db.query<ReminderProgress>(
    `SELECT count(*)::int AS rows,
            count(*) FILTER (WHERE status = 'sent')::int AS sent,
            count(*) FILTER (WHERE status = 'sending')::int AS sending,
            (SELECT state FROM scheduled_reminders WHERE event_id = $1) AS state
       FROM emails WHERE event_id = $1 AND kind = 'reminder'`,
    [eventId],
  );
  return row;
}
