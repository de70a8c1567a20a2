import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AgendaVersion } from '../agenda/agenda-version.entity';
import { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { DomainEventBus } from '../platform/domain-events/domain-event-bus';
import { TransactionService } from '../platform/database/transaction.service';
import { OutboxService } from '../platform/mail/outbox.service';
import { JobQueueService } from '../platform/queue/job-queue.service';
import { QueueWorkersService } from '../platform/queue/queue-workers.service';
import { JobName, JobPayloads } from '../platform/queue/queue-names';
import { describeSpan, formatInZone } from '../platform/time/zoned-time';
import { changeNoticeTemplate } from './mail/change-notice.template';
import { RecipientLinksService } from './recipient-links.service';
import { Recipient, ReminderAudienceService } from './reminder-audience.service';
import '../agenda/agenda-domain-events';
import '../events/event-domain-events';

const BATCH = 200;

interface Notice {
  recipient: Recipient;
  lines: string[];
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: TransactionService,
    private readonly queues: JobQueueService,
    private readonly workers: QueueWorkersService,
    private readonly bus: DomainEventBus,
    private readonly audience: ReminderAudienceService,
    private readonly outbox: OutboxService,
    private readonly links: RecipientLinksService,
    private readonly events: EventsService,
  ) {}

  onModuleInit(): void {
    this.workers.handle(JobName.NotifyChange, (job) => this.process(job));
    this.bus.on('agenda.published', async ({ eventId, versionId, changes }) => {
      if (changes.moved.length + changes.cancelled.length === 0) return;
      await this.queues.enqueue(JobName.NotifyChange, { eventId, versionId, change: 'agenda' }, { jobId: `agenda-change-${versionId}` });
    });
    this.bus.on('event.rescheduled', async ({ eventId, startsAt }) => {
      await this.queues.enqueue(
        JobName.NotifyChange,
        { eventId, change: 'rescheduled' },
        { jobId: `event-rescheduled-${eventId}-${Date.parse(startsAt)}` },
      );
    });
    this.bus.on('event.cancelled', async ({ eventId }) => {
      await this.queues.enqueue(JobName.NotifyChange, { eventId, change: 'cancelled' }, { jobId: `event-cancelled-${eventId}` });
    });
  }

  async process(job: Job<JobPayloads[JobName.NotifyChange]>): Promise<{ notified: number }> {
    const event = await this.events.getEntity(job.data.eventId);
    if (job.data.change === 'agenda') return this.agendaChanged(event, job.data.versionId as string);
    const headline = job.data.change === 'cancelled' ? 'The event is cancelled' : 'The event has new dates';
    const line =
      job.data.change === 'cancelled'
        ? `${event.title} will not take place${event.cancellationReason ? `: ${event.cancellationReason}` : '.'}`
        : `${event.title} now takes place ${describeSpan(event.startsAt, event.endsAt, event.timezone)}.`;
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
          headline,
          batch.map((recipient) => ({ recipient, lines: [line] })),
        );
        after = batch[batch.length - 1].personId;
      }
    }
    return { notified };
  }

  private async agendaChanged(event: Event, versionId: string): Promise<{ notified: number }> {
    const version = await this.db
      .getRepository(AgendaVersion)
      .findOneOrFail({ where: { id: versionId }, select: { id: true, changes: true } });
    const at = (value: string) => formatInZone(new Date(value), event.timezone).replace('T', ' ').slice(0, 16);
    const notices = new Map<string, Notice>();
    const affected = [
      ...version.changes.moved.map((m) => ({
        sessionId: m.sessionId,
        line: `"${m.title}" moved from ${at(m.from.startsAt)} to ${at(m.to.startsAt)} (${event.timezone})`,
      })),
      ...version.changes.cancelled.map((c) => ({ sessionId: c.sessionId, line: `"${c.title}" on ${at(c.startsAt)} is cancelled` })),
    ];
    for (const { sessionId, line } of affected) {
      for (const audience of ['presenters', 'session_signups'] as const) {
        let after: string | null = null;
        for (;;) {
          const batch = await this.audience.batch(event.id, audience, sessionId, after, BATCH);
          if (batch.length === 0) break;
          for (const recipient of batch) {
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
      notified += await this.send(event, `agenda-change:${versionId}`, 'The programme has changed', all.slice(i, i + BATCH));
    }
    return { notified };
  }

  private async send(event: Event, key: string, headline: string, notices: Notice[]): Promise<number> {
    let created = 0;
    await this.transactions.run(async (tx) => {
      for (const { recipient, lines } of notices) {
        const result = await this.outbox.enqueue(tx, {
          eventId: event.id,
          dedupeKey: `${key}:${recipient.personId}`,
          to: { address: recipient.email, name: recipient.name },
          template: changeNoticeTemplate,
          params: {
            name: recipient.name,
            eventTitle: event.title,
            headline,
            changes: lines,
            link: await this.links.linkFor(tx.manager, event.id, recipient),
          },
        });
        if (result.created) created += 1;
      }
    });
    return created;
  }
}
