import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgendaVersionsService } from '../agenda/agenda-versions.service';
import { EventsService } from '../events/events.service';
import { DomainEventBus } from '../platform/domain-events/domain-event-bus';
import { TransactionService } from '../platform/database/transaction.service';
import { JobQueueService } from '../platform/queue/job-queue.service';
import { JobName, QueueName } from '../platform/queue/queue-names';
import { Occurrence, occurrencesOf } from './reminder-occurrences';
import { ReminderRule } from './reminder-rule.entity';
import { RemindersRepository } from './reminders.repository';
import { ScheduledReminder } from './scheduled-reminder.entity';
import '../agenda/agenda-domain-events';
import '../events/event-domain-events';

const LIVE_JOB_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);
/** How long after an event ends its reminders are still looked after by the sweep. */
const SWEEP_AFTER_END_MS = 2 * 86_400_000;

export const reminderJobId = (reminderId: string, dueAt: Date) => `${reminderId}-${dueAt.getTime()}`;

/**
 * Keeps one `scheduled_reminders` row per rule occurrence in step with the
 * event and its published agenda, and a delayed job per pending row. Runs on
 * every change that moves anchors (domain events) and on the sweep, which also
 * re-creates jobs a restarted Redis lost.
 */
@Injectable()
export class ReminderSchedulerService implements OnModuleInit {
  private readonly logger = new Logger(ReminderSchedulerService.name);

  constructor(
    private readonly repository: RemindersRepository,
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly versions: AgendaVersionsService,
    private readonly queues: JobQueueService,
    private readonly bus: DomainEventBus,
  ) {}

  onModuleInit(): void {
    const sync = async ({ eventId }: { eventId: string }) => {
      await this.sync(eventId);
    };
    this.bus.on('agenda.published', sync);
    this.bus.on('event.rescheduled', sync);
    this.bus.on('event.cancelled', sync);
  }

  /** Every event with pending reminders or upcoming occurrences. */
  async sweep(): Promise<{ events: number }> {
    const ids = await this.repository.eventsToSync(new Date(Date.now() - SWEEP_AFTER_END_MS));
    for (const id of ids) await this.sync(id);
    return { events: ids.length };
  }

  async sync(eventId: string): Promise<void> {
    const event = await this.events.getEntity(eventId);
    const sessions = (await this.versions.latest(eventId))?.snapshot.sessions ?? [];
    const toEnqueue: ScheduledReminder[] = [];
    await this.transactions.run(async ({ manager }) => {
      await this.repository.lockEvent(manager, eventId);
      const rules = await this.repository.rulesIn(manager, eventId);
      const rows = await this.repository.scheduledIn(manager, eventId);
      const existing = new Map(rows.map((r) => [`${r.ruleId}/${r.occurrence}`, r]));
      const now = Date.now();
      const wanted = new Set<string>();
      for (const rule of rules) {
        for (const occurrence of occurrencesOf(rule, event, sessions)) {
          const key = `${rule.id}/${occurrence.occurrence}`;
          wanted.add(key);
          const row = existing.get(key);
          const armed = row ? this.rearm(row, occurrence, now) : this.create(manager, rule, occurrence, now);
          const saved = await this.repository.saveScheduled(manager, armed);
          if (saved.state === 'pending') toEnqueue.push(saved);
        }
      }
      for (const row of rows) {
        if (row.state === 'pending' && !wanted.has(`${row.ruleId}/${row.occurrence}`)) {
          await this.repository.cancelScheduled(manager, row.id);
        }
      }
    });
    await this.ensureJobs(toEnqueue);
  }

  /**
   * After commit, so a queue that is down costs the caller at most the add
   * timeout: the rows are saved, and the sweep adds what is missing once the
   * queue answers again.
   */
  private async ensureJobs(reminders: ScheduledReminder[]): Promise<void> {
    for (const reminder of reminders) {
      try {
        await this.queues.bounded(`scheduling reminder ${reminder.id}`, () => this.ensureJob(reminder));
      } catch (error) {
        this.logger.warn({ err: error, pending: reminders.length }, 'reminder jobs not scheduled now; the maintenance sweep will add them');
        return;
      }
    }
  }

  /**
   * A new occurrence: pending, or missed when its time has already passed
   * (design.md: overdue reminders are not sent late in a burst).
   */
  private create(manager: EntityManager, rule: ReminderRule, occurrence: Occurrence, now: number): ScheduledReminder {
    return this.repository.newScheduled(manager, {
      ruleId: rule.id,
      eventId: rule.eventId,
      occurrence: occurrence.occurrence,
      sessionId: occurrence.sessionId,
      anchorAt: occurrence.anchorAt,
      dueAt: occurrence.dueAt,
      state: occurrence.dueAt.getTime() <= now ? 'missed' : 'pending',
    });
  }

  /**
   * An existing occurrence whose anchor may have moved. A pending one follows
   * it; a sent, missed or cancelled one is armed again when its new time is
   * still ahead (a postponed event gets its reminders again).
   */
  private rearm(row: ScheduledReminder, occurrence: Occurrence, now: number): ScheduledReminder {
    const moved = row.dueAt.getTime() !== occurrence.dueAt.getTime();
    row.anchorAt = occurrence.anchorAt;
    if (row.state === 'pending') {
      row.dueAt = occurrence.dueAt;
      return row;
    }
    if ((moved || row.state === 'cancelled') && occurrence.dueAt.getTime() > now) {
      row.dueAt = occurrence.dueAt;
      row.state = 'pending';
      row.jobId = null;
    }
    return row;
  }

  /** Adds the delayed job unless the current one is alive; drops a stale one. */
  private async ensureJob(reminder: ScheduledReminder): Promise<void> {
    const queue = this.queues.queue(QueueName.Reminders);
    const jobId = reminderJobId(reminder.id, reminder.dueAt);
    if (reminder.jobId && reminder.jobId !== jobId) {
      await queue.remove(reminder.jobId).catch(() => undefined);
    }
    const job = await queue.getJob(jobId);
    if (job && LIVE_JOB_STATES.has(await job.getState())) return;
    if (job) await job.remove().catch(() => undefined);
    await this.queues.enqueue(
      JobName.FanOut,
      { reminderId: reminder.id, dueAt: reminder.dueAt.getTime() },
      { jobId, delayMs: Math.max(0, reminder.dueAt.getTime() - Date.now()) },
    );
    await this.repository.updatePending(reminder.id, { jobId });
    this.logger.debug(`reminder ${reminder.id} due ${reminder.dueAt.toISOString()} queued as ${jobId}`);
  }
}
