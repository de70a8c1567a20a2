import { JobQueueService } from '../platform/queue/job-queue.service';
import { QueueName } from '../platform/queue/queue-names';
import { formatInZone } from '../platform/time/zoned-time';
import { ServiceModule, createServiceModule } from '../../test/support/service-module';
import { ReminderRulesService } from './reminder-rules.service';
import { ReminderSchedulerService, reminderJobId } from './reminder-scheduler.service';
import { RemindersModule } from './reminders.module';

const ZONE = 'Europe/Brussels';
const HOUR = 3_600_000;

interface Row {
  id: string;
  name: string;
  state: string;
  due_at: Date;
  job_id: string | null;
}

/** When scheduled reminders fall and which are missed, through the scheduler against a real Postgres, without HTTP. */
describe('ReminderSchedulerService against Postgres', () => {
  let services: ServiceModule;
  let rules: ReminderRulesService;
  let scheduler: ReminderSchedulerService;
  let queues: JobQueueService;
  let slugs = 0;

  beforeAll(async () => {
    services = await createServiceModule([RemindersModule]);
    rules = services.get(ReminderRulesService);
    scheduler = services.get(ReminderSchedulerService);
    queues = services.get(JobQueueService);
  });

  afterAll(async () => {
    await services?.close();
  });

  const publishedEvent = async (startsAt: Date): Promise<string> => {
    const [{ id }] = await services.db.query<{ id: string }>(
      `INSERT INTO events (slug, title, timezone, starts_at, ends_at, status, published_at)
       VALUES ($1, 'Reminders', $2, $3, $4, 'published', now()) RETURNING id`,
      [`scheduler-${++slugs}`, ZONE, startsAt, new Date(startsAt.getTime() + 8 * HOUR)],
    );
    return id;
  };

  const scheduled = (eventId: string) =>
    services.db.query<Row>(
      `SELECT s.id, r.name, s.state, s.due_at, s.job_id FROM scheduled_reminders s JOIN reminder_rules r ON r.id = s.rule_id
        WHERE s.event_id = $1 ORDER BY r.name`,
      [eventId],
    );

  const rule = (name: string, changes: { anchor?: 'event_start' | 'fixed'; offsetMinutes: number; fixedAt?: string }) => ({
    name,
    anchor: changes.anchor ?? ('event_start' as const),
    offsetMinutes: changes.offsetMinutes,
    fixedAt: changes.fixedAt,
    audience: 'confirmed' as const,
    enabled: true,
  });

  it('schedules each rule at its time across the spring change in Brussels, each with its delayed job', async () => {
    // 28 March 2027: summer time begins at 02:00.
    const eventId = await publishedEvent(new Date('2027-03-28T07:00:00Z'));
    await rules.create(eventId, rule('a day before', { offsetMinutes: -1440 }));
    await rules.create(eventId, rule('an hour before', { offsetMinutes: -60 }));
    await rules.create(eventId, rule('fixed, typed as wall clock', { anchor: 'fixed', offsetMinutes: 0, fixedAt: '2027-03-28T03:30' }));

    const rows = await scheduled(eventId);
    expect(rows.map((r) => [r.name, r.state, formatInZone(r.due_at, ZONE)])).toEqual([
      ['a day before', 'pending', '2027-03-27T08:00:00+01:00'],
      ['an hour before', 'pending', '2027-03-28T08:00:00+02:00'],
      ['fixed, typed as wall clock', 'pending', '2027-03-28T03:30:00+02:00'],
    ]);
    const reminders = queues.queue(QueueName.Reminders);
    for (const row of rows) {
      expect(row.job_id).toBe(reminderJobId(row.id, row.due_at));
      const job = await reminders.getJob(row.job_id!);
      expect(await job?.getState()).toBe('delayed');
    }
  });

  it('marks missed a reminder whose time has already passed when first scheduled, and queues nothing for it', async () => {
    const eventId = await publishedEvent(new Date(Date.now() + 2 * HOUR));
    await rules.create(eventId, rule('a day before', { offsetMinutes: -1440 }));
    await rules.create(eventId, rule('half an hour before', { offsetMinutes: -30 }));

    expect((await scheduled(eventId)).map((r) => [r.name, r.state, r.job_id === null])).toEqual([
      ['a day before', 'missed', true],
      ['half an hour before', 'pending', false],
    ]);
  });

  it('keeps one row per occurrence however often it syncs, and moves a pending one with its anchor', async () => {
    const eventId = await publishedEvent(new Date('2027-10-31T08:00:00Z'));
    await rules.create(eventId, rule('a day before', { offsetMinutes: -1440 }));
    await Promise.all([scheduler.sync(eventId), scheduler.sync(eventId), scheduler.sync(eventId)]);
    const [before] = await scheduled(eventId);

    // Postponed by a week, past the autumn change (31 October 2027): the reminder follows, at the new wall clock.
    await services.db.query(
      `UPDATE events SET starts_at = starts_at + interval '7 days', ends_at = ends_at + interval '7 days' WHERE id = $1`,
      [eventId],
    );
    await scheduler.sync(eventId);

    const after = await scheduled(eventId);
    expect(after).toHaveLength(1);
    expect(after[0].id).toBe(before.id);
    expect(formatInZone(before.due_at, ZONE)).toBe('2027-10-30T10:00:00+02:00');
    expect(formatInZone(after[0].due_at, ZONE)).toBe('2027-11-06T09:00:00+01:00');
    expect(after[0].job_id).toBe(reminderJobId(after[0].id, after[0].due_at));
  });
});
