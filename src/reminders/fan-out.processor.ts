import { Injectable, OnModuleInit } from '@nestjs/common';
import { Job } from 'bullmq';
import { EventsService } from '../events/events.service';
import { TransactionService } from '../platform/database/transaction.service';
import { OutboxService } from '../platform/mail/outbox.service';
import { QueueWorkersService } from '../platform/queue/queue-workers.service';
import { JobName, JobPayloads, QueueName } from '../platform/queue/queue-names';
import { reminderTemplate } from './mail/reminder.template';
import { RecipientLinksService } from './recipient-links.service';
import { ReminderAudienceService } from './reminder-audience.service';
import { ReminderMessagesService } from './reminder-messages.service';
import { RemindersRepository } from './reminders.repository';
import { ScheduledReminder } from './scheduled-reminder.entity';
import { SurveysService } from '../surveys/surveys.service';

const BATCH = 200;
/** A reminder after its anchor (e.g. "a day after the event") that fell due during downtime still goes out within this. */
const LATE_GRACE_MS = 86_400_000;

export type FanOutResult = { recipients: number } | { skipped: string };

/**
 * The `reminders` queue's `fan-out` job: expands a due reminder's audience, a
 * batch at a time, into outbox rows whose dedupe key
 * (`reminder:<rule>:<occurrence>:<person>`) makes a re-run add nothing.
 */
@Injectable()
export class FanOutProcessor implements OnModuleInit {
  constructor(
    private readonly repository: RemindersRepository,
    private readonly transactions: TransactionService,
    private readonly workers: QueueWorkersService,
    private readonly audience: ReminderAudienceService,
    private readonly outbox: OutboxService,
    private readonly links: RecipientLinksService,
    private readonly events: EventsService,
    private readonly messages: ReminderMessagesService,
    private readonly surveys: SurveysService,
  ) {}

  onModuleInit(): void {
    this.workers.tune(QueueName.Reminders, { concurrency: 2 });
    this.workers.handle(JobName.FanOut, (job) => this.process(job));
  }

  async process(job: Job<JobPayloads[JobName.FanOut]>): Promise<FanOutResult> {
    const reminder = await this.repository.findScheduled(job.data.reminderId);
    if (!reminder || reminder.state !== 'pending')
      return { skipped: reminder ? `reminder is ${reminder.state}` : 'reminder no longer exists' };
    if (reminder.dueAt.getTime() !== job.data.dueAt) return { skipped: 'reminder was rescheduled' };
    const rule = await this.repository.rule(reminder.ruleId);
    if (this.tooLate(reminder)) {
      await this.repository.updatePending(reminder.id, { state: 'missed' });
      return { skipped: 'its moment passed while Plenary was down' };
    }
    if (rule.surveyId && !(await this.surveys.sendable(rule.surveyId))) {
      await this.repository.updatePending(reminder.id, { state: 'missed' });
      return { skipped: 'its survey is not open' };
    }
    const event = await this.events.getEntity(reminder.eventId);
    const messages = await this.messages.forOccurrence(event, rule, reminder.sessionId);
    const keyOf = (personId: string) => `reminder:${rule.id}:${reminder.occurrence}-${reminder.dueAt.getTime()}:${personId}`;
    let after: string | null = null;
    for (;;) {
      const batch = await this.audience.batch(event.id, rule.audience, reminder.sessionId, after, BATCH);
      if (batch.length === 0) break;
      // Read before the transaction: the embedded database serves no second connection inside one.
      const own = new Map((await messages.agendasOf(batch)).map((agenda, i) => [batch[i].personId, agenda]));
      await this.transactions.run(async (tx) => {
        // A re-run skips who already has this reminder before minting links nobody would receive.
        const done = await this.outbox.existingKeys(
          tx.manager,
          batch.map((r) => keyOf(r.personId)),
        );
        let fresh = batch.filter((r) => !done.has(keyOf(r.personId)));
        let links: string[];
        if (rule.surveyId) {
          // Each attendee's own survey link instead of their registration's; who has answered already gets none.
          const surveyLinks = await this.surveys.invitationLinksPart(
            tx.manager,
            rule.surveyId,
            fresh.flatMap((r) => (r.registrationId ? [r.registrationId] : [])),
          );
          fresh = fresh.filter((r) => r.registrationId && surveyLinks.has(r.registrationId));
          links = fresh.map((r) => surveyLinks.get(r.registrationId!)!);
        } else {
          links = await this.links.linksFor(tx.manager, event, fresh);
        }
        await this.outbox.enqueueMany(
          tx,
          fresh.map((recipient, i) => {
            const agenda = own.get(recipient.personId)!;
            return {
              eventId: event.id,
              dedupeKey: keyOf(recipient.personId),
              to: { address: recipient.email, name: recipient.name },
              template: reminderTemplate,
              params: messages.params(recipient, agenda, links[i]),
              attachments: messages.attachments(agenda),
            };
          }),
        );
      });
      after = batch[batch.length - 1].personId;
      await job.updateProgress({ after });
    }
    const count = await this.repository.emailsSent(event.id, keyOf(''));
    await this.repository.updatePending(reminder.id, { state: 'fanned_out', fannedOutAt: new Date(), recipients: count });
    return { recipients: count };
  }

  /**
   * Before its anchor, a late reminder is still useful; after it (or a day
   * after its own time for reminders that follow the anchor) it is missed.
   */
  private tooLate(reminder: ScheduledReminder): boolean {
    const now = Date.now();
    return reminder.dueAt < reminder.anchorAt ? now >= reminder.anchorAt.getTime() : now > reminder.dueAt.getTime() + LATE_GRACE_MS;
  }
}
