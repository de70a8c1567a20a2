import { AgendaVersionsService } from '../agenda/agenda-versions.service';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Job } from 'bullmq';
import { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { DomainEventBus } from '../platform/domain-events/domain-event-bus';
import { TransactionService } from '../platform/database/transaction.service';
import { EmailTextsService } from '../platform/mail/email-texts.service';
import { OutboxService } from '../platform/mail/outbox.service';
import { JobQueueService } from '../platform/queue/job-queue.service';
import { QueueWorkersService } from '../platform/queue/queue-workers.service';
import { JobName, JobPayloads } from '../platform/queue/queue-names';
import { describeInstant, describeSpan } from '../platform/time/zoned-time';
import { ChangeNoticeJob, changeNoticeJob } from './change-notice-jobs';
import { ChangeNoticesRepository } from './change-notices.repository';
import { ChangeNoticeKind, ChangeNoticeLine, changeNoticeTemplate } from './mail/change-notice.template';
import { MAIL_LANGUAGES, MailLanguage, mailLanguage, mailLocale } from '../platform/mail/mail-language';
import { RecipientLinksService } from './recipient-links.service';
import { Recipient, ReminderAudienceService } from './reminder-audience.service';
import '../agenda/agenda-domain-events';
import '../events/event-domain-events';

const BATCH = 200;

interface Notice {
  recipient: Recipient;
  lines: ChangeNoticeLine[];
}

/** Everyone who reads a language reads the same lines, so they are built once per language rather than per person. */
function perLanguage<T>(build: (language: MailLanguage) => T): Record<MailLanguage, T> {
  return Object.fromEntries(MAIL_LANGUAGES.map((language) => [language, build(language)])) as Record<MailLanguage, T>;
}

/**
 * Tells the people a change concerns, once each: a published version that
 * moved or cancelled sessions (their presenters and signed-up attendees), a
 * postponed or cancelled event (everyone registered or presenting). Domain
 * events only enqueue the job, so the work survives a restart.
 */
@Injectable()
export class ChangeNoticesProcessor implements OnModuleInit {
  constructor(
    private readonly repository: ChangeNoticesRepository,
    private readonly versions: AgendaVersionsService,
    private readonly transactions: TransactionService,
    private readonly queues: JobQueueService,
    private readonly workers: QueueWorkersService,
    private readonly bus: DomainEventBus,
    private readonly audience: ReminderAudienceService,
    private readonly outbox: OutboxService,
    private readonly links: RecipientLinksService,
    private readonly events: EventsService,
    private readonly emailTexts: EmailTextsService,
  ) {}

  onModuleInit(): void {
    this.workers.handle(JobName.NotifyChange, (job) => this.notify(job));
    this.bus.on('agenda.published', async ({ eventId, versionId, changes }) => {
      if (changes.moved.length + changes.cancelled.length === 0) return;
      await this.enqueue(changeNoticeJob.agenda(eventId, versionId));
    });
    this.bus.on('event.rescheduled', async ({ eventId, startsAt }) => {
      await this.enqueue(changeNoticeJob.rescheduled(eventId, new Date(startsAt)));
    });
    this.bus.on('event.cancelled', async ({ eventId }) => {
      await this.enqueue(changeNoticeJob.cancelled(eventId));
    });
  }

  private async enqueue({ jobId, payload }: ChangeNoticeJob): Promise<void> {
    await this.queues.enqueue(JobName.NotifyChange, payload, { jobId });
  }

  /** Sends the notices, then records the change as notified so the maintenance sweep leaves it alone. */
  private async notify(job: Job<JobPayloads[JobName.NotifyChange]>): Promise<{ notified: number }> {
    const result = await this.process(job);
    await this.repository.recordNotified(job.id!, job.data.eventId, result.notified);
    return result;
  }

  async process(job: Job<JobPayloads[JobName.NotifyChange]>): Promise<{ notified: number }> {
    const event = await this.events.getEntity(job.data.eventId);
    if (job.data.change === 'agenda') return this.agendaChanged(event, job.data.versionId as string);
    const lines = perLanguage((language): ChangeNoticeLine[] => [
      job.data.change === 'cancelled'
        ? { change: 'event-cancelled', reason: event.cancellationReason }
        : { change: 'event-rescheduled', when: describeSpan(event.startsAt, event.endsAt, event.timezone, mailLocale(language)) },
    ]);
    const key =
      job.data.change === 'cancelled' ? `event-cancelled:${event.id}` : `event-rescheduled:${event.id}:${event.startsAt.getTime()}`;
    let notified = 0;
    for (const audience of ['confirmed', 'waitlisted', 'presenters'] as const) {
      let after: string | null = null;
      for (;;) {
        const batch = await this.audience.batch(event.id, audience, null, after, BATCH);
        if (batch.length === 0) break;
        notified += await this.send(
          event,
          key,
          job.data.change,
          batch.map((recipient) => ({ recipient, lines: lines[mailLanguage(recipient.language)] })),
        );
        after = batch[batch.length - 1].personId;
      }
    }
    return { notified };
  }

  private async agendaChanged(event: Event, versionId: string): Promise<{ notified: number }> {
    const changes = await this.versions.changesOf(versionId);
    const at = (value: string, language: MailLanguage) => describeInstant(new Date(value), event.timezone, mailLocale(language));
    const notices = new Map<string, Notice>();
    const affected = [
      ...changes.moved.map((m) => ({
        sessionId: m.sessionId,
        lineIn: (language: MailLanguage): ChangeNoticeLine => ({
          change: 'session-moved',
          title: m.title,
          from: at(m.from.startsAt, language),
          to: at(m.to.startsAt, language),
        }),
      })),
      ...changes.cancelled.map((c) => ({
        sessionId: c.sessionId,
        lineIn: (language: MailLanguage): ChangeNoticeLine => ({
          change: 'session-cancelled',
          title: c.title,
          at: at(c.startsAt, language),
        }),
      })),
    ];
    const lines = perLanguage((language) => affected.map(({ lineIn }) => lineIn(language)));
    for (const [index, { sessionId }] of affected.entries()) {
      for (const audience of ['presenters', 'session_signups'] as const) {
        let after: string | null = null;
        for (;;) {
          const batch = await this.audience.batch(event.id, audience, sessionId, after, BATCH);
          if (batch.length === 0) break;
          for (const recipient of batch) {
            const line = lines[mailLanguage(recipient.language)][index];
            const notice = notices.get(recipient.personId) ?? { recipient, lines: [] };
            if (!notice.lines.includes(line)) notice.lines.push(line);
            notices.set(recipient.personId, notice);
          }
          after = batch[batch.length - 1].personId;
        }
      }
    }
    const all = [...notices.values()];
    let notified = 0;
    for (let i = 0; i < all.length; i += BATCH) {
      notified += await this.send(event, `agenda-change:${versionId}`, 'agenda', all.slice(i, i + BATCH));
    }
    return { notified };
  }

  /**
   * One batch in three statements, as the fan-out does: which notices exist
   * already (a re-run mints no links nobody would receive), the links, the rows.
   */
  private async send(event: Event, key: string, kind: ChangeNoticeKind, notices: Notice[]): Promise<number> {
    const keyOf = (notice: Notice) => `${key}:${notice.recipient.personId}`;
    return this.transactions.run(async (tx) => {
      const done = await this.outbox.existingKeys(tx.manager, notices.map(keyOf));
      const fresh = notices.filter((notice) => !done.has(keyOf(notice)));
      const links = await this.links.linksFor(
        tx.manager,
        event,
        fresh.map((notice) => notice.recipient),
      );
      const texts = await this.emailTexts.forKind(event.id, changeNoticeTemplate.kind, tx.manager);
      return this.outbox.enqueueMany(
        tx,
        fresh.map(({ recipient, lines }, i) => ({
          eventId: event.id,
          dedupeKey: `${key}:${recipient.personId}`,
          to: { address: recipient.email, name: recipient.name },
          template: changeNoticeTemplate,
          params: {
            language: mailLanguage(recipient.language),
            name: recipient.name,
            eventTitle: event.title,
            zone: event.timezone,
            kind,
            changes: lines,
            link: links[i],
            text: texts[mailLanguage(recipient.language)] ?? null,
          },
        })),
      );
    });
  }
}
