import { Injectable } from '@nestjs/common';
import { AgendaVersionsService } from '../agenda/agenda-versions.service';
import { MagicLinkService } from '../auth/magic-link.service';
import { Event } from '../events/event.entity';
import { RenderedMail, renderMail } from '../platform/mail/mail-template';
import { MailLanguage, mailLocale } from '../platform/mail/mail-language';
import { describeSpan } from '../platform/time/zoned-time';
import { ChangeNoticeLine, changeNoticeTemplate } from './mail/change-notice.template';
import { occurrencesOf } from './reminder-occurrences';
import { ReminderAudienceService } from './reminder-audience.service';
import { RemindersRepository } from './reminders.repository';

/** A cancellation, or a postponement to these instants. */
export type EventChange = { kind: 'cancelled'; reason: string | null } | { kind: 'rescheduled'; startsAt: Date; endsAt: Date };

export interface ReminderConsequence {
  ruleName: string;
  occurrence: string;
  dueAt: Date;
  /** Where it moves to; null when it is dropped (cancelled, or its new time has already passed). */
  newDueAt: Date | null;
}

export interface EventChangePreview {
  recipients: { confirmed: number; waitlisted: number; presenters: number; total: number };
  reminders: ReminderConsequence[];
  /** The notice in the organiser's language, addressed to the first recipient (or a placeholder name when nobody is told). */
  notice: RenderedMail;
}

const AUDIENCES = ['confirmed', 'waitlisted', 'presenters'] as const;
const BATCH = 500;

/**
 * What cancelling or postponing an event would do, before it is done: who the
 * change notice reaches (the audiences ChangeNoticesProcessor writes to), what
 * becomes of each pending reminder (as the scheduler's next sync would decide),
 * and the notice itself, rendered with the worker's template.
 */
@Injectable()
export class EventChangePreviewService {
  constructor(
    private readonly repository: RemindersRepository,
    private readonly audience: ReminderAudienceService,
    private readonly versions: AgendaVersionsService,
    private readonly magicLinks: MagicLinkService,
  ) {}

  async preview(event: Event, change: EventChange, shown: { language: MailLanguage; sampleName: string }): Promise<EventChangePreview> {
    const { counts, first } = await this.audienceOf(event.id);
    // Each recipient gets the notice in their own language; the organiser reads it in theirs.
    const language = shown.language;
    const line: ChangeNoticeLine =
      change.kind === 'cancelled'
        ? { change: 'event-cancelled', reason: change.reason }
        : { change: 'event-rescheduled', when: describeSpan(change.startsAt, change.endsAt, event.timezone, mailLocale(language)) };
    const notice = renderMail(changeNoticeTemplate, {
      language,
      name: first?.name ?? shown.sampleName,
      eventTitle: event.title,
      zone: event.timezone,
      kind: change.kind,
      changes: [line],
      link: this.magicLinks.link(first && !first.registrationId ? '/presenter' : '/my-registration', '(a token of their own)'),
    });
    return {
      recipients: counts,
      reminders: await this.reminders(event, change),
      notice,
    };
  }

  /** How many people a change of the event's dates or its cancellation would tell. */
  async recipientCount(eventId: string): Promise<number> {
    return (await this.audienceOf(eventId)).counts.total;
  }

  private async audienceOf(eventId: string) {
    const counts = { confirmed: 0, waitlisted: 0, presenters: 0, total: 0 };
    let first: { name: string; registrationId: string | null } | null = null;
    for (const audience of AUDIENCES) {
      let after: string | null = null;
      for (;;) {
        const batch = await this.audience.batch(eventId, audience, null, after, BATCH);
        if (batch.length === 0) break;
        first ??= batch[0];
        counts[audience] += batch.length;
        counts.total += batch.length;
        after = batch[batch.length - 1].personId;
      }
    }
    return { counts, first };
  }

  private async reminders(event: Event, change: EventChange): Promise<ReminderConsequence[]> {
    const [rules, pending, latest] = await Promise.all([
      this.repository.rulesOf(event.id),
      this.repository.pendingOf(event.id),
      this.versions.latest(event.id),
    ]);
    const changed: Event =
      change.kind === 'cancelled' ? { ...event, status: 'cancelled' } : { ...event, startsAt: change.startsAt, endsAt: change.endsAt };
    const sessions = latest?.snapshot.sessions ?? [];
    const now = Date.now();
    return pending.map((row) => {
      const rule = rules.find((r) => r.id === row.ruleId);
      const next = rule ? occurrencesOf(rule, changed, sessions).find((o) => o.occurrence === row.occurrence) : undefined;
      return {
        ruleName: rule?.name ?? '',
        occurrence: row.occurrence,
        dueAt: row.dueAt,
        newDueAt: next && next.dueAt.getTime() > now ? next.dueAt : null,
      };
    });
  }
}
