import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { ActedBy, AuditService } from '../audit/audit.service';
import { MagicLinkService } from '../auth/magic-link.service';
import { EventsService } from '../events/events.service';
import { TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { MAIL_LANGUAGES, MailLanguage, mailLanguage } from '../platform/mail/mail-language';
import { renderMail } from '../platform/mail/mail-template';
import { OutboxService } from '../platform/mail/outbox.service';
import { JobQueueService } from '../platform/queue/job-queue.service';
import { JobName, JobPayloads } from '../platform/queue/queue-names';
import { formatInZone } from '../platform/time/zoned-time';
import { Announcement } from './announcement.entity';
import { AnnouncementsRepository } from './announcements.repository';
import { CreateAnnouncementInput } from './dto/announcement.dto';
import { announcementTemplate } from './mail/announcement.template';
import { RecipientLinksService } from './recipient-links.service';
import { Recipient, ReminderAudienceService } from './reminder-audience.service';

const BATCH = 200;

/** Organisers' announcements: drafted, previewed with their recipients, then sent through the outbox. */
@Injectable()
export class AnnouncementsService {
  constructor(
    private readonly repository: AnnouncementsRepository,
    private readonly transactions: TransactionService,
    private readonly queues: JobQueueService,
    private readonly audience: ReminderAudienceService,
    private readonly outbox: OutboxService,
    private readonly links: RecipientLinksService,
    private readonly magicLinks: MagicLinkService,
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  async create(eventId: string, input: CreateAnnouncementInput, organiserId: string) {
    const registrationIds = input.registrationIds ? [...new Set(input.registrationIds)] : null;
    if (registrationIds) {
      const known = await this.audience.existingRegistrations(eventId, registrationIds);
      const unknown = registrationIds.findIndex((id) => !known.has(id));
      if (unknown >= 0) {
        throw Problem.unprocessable(`No registration ${registrationIds[unknown]} in this event`, [
          { field: `registrationIds[${unknown}]`, message: 'is not a registration of this event' },
        ]);
      }
    }
    const announcement = await this.repository.save({ ...input, registrationIds, eventId, createdBy: organiserId });
    return this.view(announcement);
  }

  async list(eventId: string) {
    const items = await this.repository.listOf(eventId);
    return { items: await Promise.all(items.map((a) => this.view(a))), nextCursor: null };
  }

  async get(eventId: string, announcementId: string) {
    return this.view(await this.load(eventId, announcementId));
  }

  /** Who would receive it now (count and the first 50) and the message as the first of them would read it. */
  async preview(eventId: string, announcementId: string) {
    const announcement = await this.load(eventId, announcementId);
    const event = await this.events.getEntity(eventId);
    let count = 0;
    const sample: Recipient[] = [];
    /** The first recipient of each language and how many read it. */
    const byLanguage = new Map<MailLanguage, { first: Recipient; count: number }>();
    let after: string | null = null;
    for (;;) {
      const batch = await this.recipients(announcement, after);
      if (batch.all.length === 0) break;
      count += batch.reachable.length;
      sample.push(...batch.reachable.slice(0, 50 - sample.length));
      for (const recipient of batch.reachable) {
        const language = mailLanguage(recipient.language);
        const seen = byLanguage.get(language);
        if (seen) seen.count += 1;
        else byLanguage.set(language, { first: recipient, count: 1 });
      }
      after = batch.all[batch.all.length - 1].personId;
    }
    const render = (recipient: Recipient) => {
      const language = mailLanguage(recipient.language);
      return renderMail(announcementTemplate, {
        language,
        name: recipient.name,
        eventTitle: event.title,
        ...textIn(announcement, language),
        link: this.magicLinks.link(recipient.registrationId ? '/my-registration' : '/presenter', '(a token of their own)'),
        unsubscribe: announcement.optional ? this.magicLinks.link('/unsubscribe', '(a token of their own)') : null,
      });
    };
    const message = sample[0] ? render(sample[0]) : null;
    return {
      recipients: count,
      sample: sample.map((r) => ({ name: r.name, email: r.email, language: mailLanguage(r.language) })),
      message: message && { subject: message.subject, text: message.text },
      versions: MAIL_LANGUAGES.flatMap((language) => {
        const seen = byLanguage.get(language);
        if (!seen) return [];
        const rendered = render(seen.first);
        return [{ language, subject: rendered.subject, text: rendered.text, html: rendered.html, recipients: seen.count }];
      }),
    };
  }

  /** Queues the sending; the job id makes a second click a no-op, and only the first is on record. */
  async send(eventId: string, announcementId: string, by: ActedBy) {
    const announcement = await this.load(eventId, announcementId);
    if (announcement.status === 'draft') {
      await this.transactions.run(async (tx) => {
        if (!(await this.repository.markSending(tx.manager, announcement.id))) return;
        await this.audit.record(
          {
            eventId,
            actor: by.actor,
            action: 'email.sent',
            subject: { type: 'announcement', id: announcement.id },
            details: {
              ...by.details,
              subject: announcement.subject,
              audience: announcement.audience,
              languages: ['main', ...Object.keys(announcement.translations)],
              ...(announcement.registrationIds ? { registrations: announcement.registrationIds.length } : {}),
            },
          },
          tx.manager,
        );
        tx.afterCommit(() => this.enqueue([announcementId]));
      });
    }
    return this.view(await this.load(eventId, announcementId));
  }

  /**
   * `sending` is the row's promise that a job will send it: the maintenance
   * sweep adds the job again for every such row, which adds nothing while the
   * job exists and heals one lost between the update and the enqueue.
   */
  async sweep(): Promise<{ enqueued: number }> {
    const sending = await this.repository.sendingIds();
    await this.enqueue(sending);
    return { enqueued: sending.length };
  }

  private async enqueue(announcementIds: string[]): Promise<void> {
    await this.queues.enqueueMany(
      JobName.Announce,
      announcementIds.map((announcementId) => ({ payload: { announcementId }, options: { jobId: `announcement-${announcementId}` } })),
    );
  }

  async process(job: Job<JobPayloads[JobName.Announce]>): Promise<{ recipients: number } | { skipped: string }> {
    const announcement = await this.repository.find(job.data.announcementId);
    if (!announcement || announcement.status !== 'sending')
      return { skipped: announcement ? `announcement is ${announcement.status}` : 'gone' };
    const event = await this.events.getEntity(announcement.eventId);
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const batch = await this.recipients(announcement, after);
      if (batch.all.length === 0) break;
      count += await this.transactions.run(async (tx) => {
        // As the fan-out: skip who has it already (a re-run), then links and rows a batch at a time.
        const keyOf = (recipient: Recipient) => `announcement:${announcement.id}:${recipient.personId}`;
        const done = await this.outbox.existingKeys(tx.manager, batch.reachable.map(keyOf));
        const fresh = batch.reachable.filter((recipient) => !done.has(keyOf(recipient)));
        const links = await this.links.linksFor(tx.manager, event, fresh);
        const optOuts = announcement.optional
          ? await this.magicLinks.issueMany(
              tx.manager,
              fresh.map((recipient) => ({
                type: 'opt-out' as const,
                id: recipient.personId,
                eventId: event.id,
                eventEndsAt: event.endsAt,
              })),
            )
          : [];
        return this.outbox.enqueueMany(
          tx,
          fresh.map((recipient, i) => {
            const unsubscribe = announcement.optional ? this.magicLinks.link('/unsubscribe', optOuts[i]) : null;
            const headers: Record<string, string> = unsubscribe
              ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
              : {};
            return {
              eventId: event.id,
              dedupeKey: keyOf(recipient),
              to: { address: recipient.email, name: recipient.name },
              template: announcementTemplate,
              params: {
                language: mailLanguage(recipient.language),
                name: recipient.name,
                eventTitle: event.title,
                ...textIn(announcement, mailLanguage(recipient.language)),
                link: links[i],
                unsubscribe,
              },
              headers,
            };
          }),
        );
      });
      after = batch.all[batch.all.length - 1].personId;
    }
    await this.repository.markSent(announcement.id, count);
    return { recipients: count };
  }

  /** A batch of the audience; `reachable` leaves out who opted out of optional news. */
  private async recipients(announcement: Announcement, after: string | null): Promise<{ all: Recipient[]; reachable: Recipient[] }> {
    const all =
      announcement.audience === 'selected_registrations'
        ? await this.audience.selected(announcement.eventId, announcement.registrationIds ?? [], after, BATCH)
        : await this.audience.batch(announcement.eventId, announcement.audience, null, after, BATCH);
    if (!announcement.optional || all.length === 0) return { all, reachable: all };
    const opted = await this.repository.optedOut(
      announcement.eventId,
      all.map((r) => r.personId),
    );
    return { all, reachable: all.filter((r) => !opted.has(r.personId)) };
  }

  private async load(eventId: string, announcementId: string): Promise<Announcement> {
    const announcement = await this.repository.findInEvent(eventId, announcementId);
    if (!announcement) throw Problem.notFound(`No announcement ${announcementId} in this event`);
    return announcement;
  }

  private async view(a: Announcement) {
    const { timezone } = await this.events.getEntity(a.eventId);
    return {
      id: a.id,
      subject: a.subject,
      message: a.message,
      audience: a.audience,
      translations: a.translations,
      registrationIds: a.registrationIds,
      optional: a.optional,
      status: a.status,
      recipients: a.recipients,
      createdAt: formatInZone(a.createdAt, timezone),
      sentAt: a.sentAt ? formatInZone(a.sentAt, timezone) : null,
    };
  }
}

/** The version written in the recipient's language, else the main one. */
function textIn(announcement: Announcement, language: MailLanguage): { subject: string; message: string } {
  const translated = language === 'en' ? undefined : announcement.translations[language];
  return translated ?? { subject: announcement.subject, message: announcement.message };
}
