import type { Job } from 'bullmq';
import { EventsService } from '../events/events.service';
import type { JobName, JobPayloads } from '../platform/queue/queue-names';
import { RegistrationsService } from '../registration/registrations.service';
import { ServiceModule, createServiceModule } from '../../test/support/service-module';
import { FanOutProcessor } from './fan-out.processor';
import { ReminderRulesService } from './reminder-rules.service';
import { RemindersModule } from './reminders.module';

const DAY = 86_400_000;

/** Reminder emails happen once: the fan-out's dedupe keys, against a real Postgres, without HTTP or a worker. */
describe('FanOutProcessor dedupe keys against Postgres', () => {
  let services: ServiceModule;
  let fanOut: FanOutProcessor;
  let eventId: string;
  const personIds: string[] = [];

  beforeAll(async () => {
    services = await createServiceModule([RemindersModule]);
    fanOut = services.get(FanOutProcessor);
    const startsAt = new Date(Date.now() + 3 * DAY);
    [{ id: eventId }] = await services.db.query<{ id: string }>(
      `INSERT INTO events (slug, title, timezone, starts_at, ends_at, status, published_at)
       VALUES ('fan-out-spec', 'Fan-out', 'Europe/Brussels', $1, $2, 'published', now()) RETURNING id`,
      [startsAt, new Date(startsAt.getTime() + DAY)],
    );
    const event = await services.get(EventsService).getEntity(eventId);
    for (const n of [1, 2, 3]) {
      const { person } = await services
        .get(RegistrationsService)
        .registerByOrganiser(event, { name: `Attendee ${n}`, email: `attendee${n}@region.test`, consents: {}, answers: {}, notify: false });
      personIds.push(person.id);
    }
  });

  afterAll(async () => {
    await services?.close();
  });

  /** A rule and its one scheduled occurrence, as the scheduler left it. */
  const scheduledRule = async (name: string, offsetMinutes: number) => {
    const { id: ruleId } = await services
      .get(ReminderRulesService)
      .create(eventId, { name, anchor: 'event_start', offsetMinutes, audience: 'confirmed', enabled: true });
    const [reminder] = await services.db.query<{ id: string; occurrence: string; due_at: Date }>(
      `SELECT id, occurrence, due_at FROM scheduled_reminders WHERE rule_id = $1`,
      [ruleId],
    );
    return { ruleId, reminder };
  };

  /** The job the queue would run: its payload, and progress nobody reads here. */
  const job = (reminderId: string, dueAt: Date) =>
    ({ data: { reminderId, dueAt: dueAt.getTime() }, updateProgress: () => Promise.resolve() }) as unknown as Job<
      JobPayloads[JobName.FanOut]
    >;

  const reminderMails = (ruleId: string) =>
    services.db.query<{ dedupe_key: string; to_address: string }>(
      `SELECT dedupe_key, to_address FROM emails WHERE event_id = $1 AND kind = 'reminder' AND dedupe_key LIKE $2 ORDER BY to_address`,
      [eventId, `reminder:${ruleId}:%`],
    );

  it('gives each person one email per reminder occurrence however many times the job runs, at once or again', async () => {
    const { ruleId, reminder } = await scheduledRule('a day before', -1440);
    const due = job(reminder.id, reminder.due_at);

    const runs = await Promise.all([fanOut.process(due), fanOut.process(due), fanOut.process(due)]);
    const again = await fanOut.process(due);

    expect(runs).toContainEqual({ recipients: 3 });
    expect(again).toEqual({ skipped: 'reminder is fanned_out' });
    const mails = await reminderMails(ruleId);
    expect(mails.map((m) => m.to_address)).toEqual(['attendee1@region.test', 'attendee2@region.test', 'attendee3@region.test']);
    const [{ state, recipients }] = await services.db.query<{ state: string; recipients: number }>(
      `SELECT state, recipients FROM scheduled_reminders WHERE id = $1`,
      [reminder.id],
    );
    expect({ state, recipients }).toEqual({ state: 'fanned_out', recipients: 3 });
  });

  it('keys each email reminder:<rule>:<occurrence>:<person>, the occurrence carrying its due time so a rescheduled one goes again', async () => {
    const { ruleId, reminder } = await scheduledRule('an hour before', -60);
    await fanOut.process(job(reminder.id, reminder.due_at));

    const keys = (await reminderMails(ruleId)).map((m) => m.dedupe_key).sort();
    expect(keys).toEqual(personIds.map((personId) => `reminder:${ruleId}:event-${reminder.due_at.getTime()}:${personId}`).sort());
  });

  it('adds nothing for a job of a time the reminder no longer has', async () => {
    const { ruleId, reminder } = await scheduledRule('two days before', -2880);

    expect(await fanOut.process(job(reminder.id, new Date(reminder.due_at.getTime() - 60_000)))).toEqual({
      skipped: 'reminder was rescheduled',
    });
    expect(await reminderMails(ruleId)).toEqual([]);
  });
});
