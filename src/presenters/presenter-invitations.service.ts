import { Injectable } from '@nestjs/common';
import { AgendaVersionsService } from '../agenda/agenda-versions.service';
import { PresentationsService } from '../agenda/presentations.service';
import { ActedBy, AuditRecord, AuditService, actedEntry } from '../audit/audit.service';
import { MagicLinkService } from '../auth/magic-link.service';
import { EventsService } from '../events/events.service';
import { TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { mailLanguage, mailLocale } from '../platform/mail/mail-language';
import { EmailTextsService } from '../platform/mail/email-texts.service';
import { OutboxService } from '../platform/mail/outbox.service';
import { describeInstant, describeSpan, formatInZone } from '../platform/time/zoned-time';
import { InvitePresentersInput } from './dto/invite-presenters.dto';
import { invitationView } from './invitation.view';
import { presenterInvitationTemplate } from './mail/presenter-invitation.template';
import { PresenterInvitation } from './presenter-invitation.entity';
import { PresenterInvitationsRepository } from './presenter-invitations.repository';
import { PRESENTER_LINK_PATH } from './presenter-links.service';
import { publishedSlots } from './published-slot';

export type PresentationView = Awaited<ReturnType<PresentationsService['get']>>;
type Presenter = PresentationView['presenters'][number];

/**
 * Invitations of a presentation's presenters and their answers. A presenter's
 * token belongs to the person in the event (subject `presenter`, id = person
 * id), so one link opens all of that person's presentations there.
 */
@Injectable()
export class PresenterInvitationsService {
  constructor(
    private readonly invitations: PresenterInvitationsRepository,
    private readonly transactions: TransactionService,
    private readonly links: MagicLinkService,
    private readonly outbox: OutboxService,
    private readonly events: EventsService,
    private readonly presentations: PresentationsService,
    private readonly versions: AgendaVersionsService,
    private readonly emailTexts: EmailTextsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Emails each chosen presenter a fresh link. Calling again re-sends: each
   * email mints a new token (earlier ones stay valid), at most once a minute
   * per presenter; the answer says who was emailed and who was skipped, and why.
   */
  async invite(eventId: string, presentationId: string, input: InvitePresentersInput, by?: ActedBy) {
    const event = await this.events.getEntity(eventId);
    if (event.status === 'cancelled') throw Problem.conflict('The event is cancelled; its presenters can no longer be invited');
    const presentation = await this.presentations.get(eventId, presentationId);
    const targets = chosen(presentation.presenters, input.personIds);
    const slot = publishedSlots(await this.versions.latest(eventId), event.timezone).get(presentationId) ?? null;
    const texts = await this.emailTexts.forKind(eventId, presenterInvitationTemplate.kind);
    const result = await this.transactions.run(async (tx) => {
      const emailed: Array<{ personId: string; name: string; email: string; linkExpiresAt: string }> = [];
      const skipped: Array<{ personId: string; name: string; reason: 'no_email' | 'emailed_recently'; detail: string }> = [];
      for (const presenter of targets) {
        if (!presenter.email) {
          skipped.push({
            personId: presenter.personId,
            name: presenter.name,
            reason: 'no_email',
            detail: 'The presenter has no email address',
          });
          continue;
        }
        const subject = { type: 'presenter' as const, id: presenter.personId, eventId, eventEndsAt: event.endsAt };
        if (!(await this.links.claimResend(subject, tx.manager))) {
          skipped.push({
            personId: presenter.personId,
            name: presenter.name,
            reason: 'emailed_recently',
            detail: 'A link went to this presenter less than a minute ago; try again in a minute',
          });
          continue;
        }
        const link = await this.links.issue(tx.manager, subject);
        const language = mailLanguage(presenter.language);
        const locale = mailLocale(language);
        const at = (instant: Date) => `${describeInstant(instant, event.timezone, locale)} (${event.timezone})`;
        const text = texts[language] ?? null;
        await this.outbox.enqueue(tx, {
          eventId,
          dedupeKey: `presenter-invitation:${presenter.personId}:${link.tokenId}`,
          to: { address: presenter.email, name: presenter.name },
          template: presenterInvitationTemplate,
          params: {
            language,
            presenterName: presenter.name,
            eventTitle: event.title,
            coOrganisers: event.coOrganisers.map((c) => c.name),
            eventWhen: describeSpan(event.startsAt, event.endsAt, event.timezone, locale),
            venue: event.venue,
            presentationTitle: presentation.title,
            coPresenters: presentation.presenters.filter((p) => p.personId !== presenter.personId).map((p) => p.name),
            slot: slot && {
              when: `${describeSpan(new Date(slot.startsAt), new Date(slot.endsAt), event.timezone, locale)}${slot.room ? `, ${slot.room}` : ''}`,
              session: slot.sessionTitle,
            },
            materialsDue: event.materialsDueAt ? at(event.materialsDueAt) : null,
            link: this.links.link(PRESENTER_LINK_PATH, link.token),
            expiresOn: at(link.expiresAt),
            text,
          },
        });
        const sent = await this.invitations.recordInvited(tx.manager, eventId, presentationId, presenter.personId);
        if (by) {
          const action = sent === 1 ? 'presenter-invitation.sent' : 'presenter-invitation.resent';
          await this.audit.record(presenterEntry(action, eventId, presentation, presenter, by), tx.manager);
        }
        emailed.push({
          personId: presenter.personId,
          name: presenter.name,
          email: presenter.email,
          linkExpiresAt: formatInZone(link.expiresAt, event.timezone),
        });
      }
      return { presentationId, emailed, skipped };
    });
    return { ...result, presenters: (await this.list(eventId, presentationId)).items };
  }

  /** Each presenter of the presentation with their invitation state. */
  async list(eventId: string, presentationId: string) {
    const event = await this.events.getEntity(eventId);
    const presentation = await this.presentations.get(eventId, presentationId);
    const states = await this.states(eventId, [presentationId]);
    return {
      items: presentation.presenters.map((p) => ({
        personId: p.personId,
        name: p.name,
        email: p.email,
        role: p.role,
        ...invitationView(states.get(stateKey(presentationId, p.personId)), event.timezone),
      })),
      nextCursor: null,
    };
  }

  /**
   * Revokes every link of the presenter. Their token covers all their
   * presentations in the event, so this ends their access to each of them
   * until they are invited again.
   */
  async revoke(eventId: string, presentationId: string, personId: string, by?: ActedBy) {
    const presentation = await this.presentations.get(eventId, presentationId);
    const presenter = presentation.presenters.find((p) => p.personId === personId);
    if (!presenter) throw Problem.notFound(`No presenter ${personId} on this presentation`);
    const revokedTokens = await this.transactions.run(async ({ manager }) => {
      const revoked = await this.links.revokeAll({ type: 'presenter', id: personId, eventId }, manager);
      await this.invitations.markLinksRevoked(manager, eventId, personId);
      if (by) {
        const entry = presenterEntry('presenter-invitation.revoked', eventId, presentation, presenter, by);
        await this.audit.record({ ...entry, details: { ...entry.details, revokedTokens: revoked } }, manager);
      }
      return revoked;
    });
    return { personId, revokedTokens };
  }

  /** The presenter's answer for one presentation; they may change their mind. */
  async respond(eventId: string, presentationId: string, personId: string, status: 'confirmed' | 'declined', reason: string | null) {
    await this.invitations.recordAnswer(eventId, presentationId, personId, status, reason);
  }

  /** Invitation rows of these presentations, by `stateKey`. */
  async states(eventId: string, presentationIds: string[]): Promise<Map<string, PresenterInvitation>> {
    if (presentationIds.length === 0) return new Map();
    const rows = await this.invitations.forPresentations(eventId, presentationIds);
    return new Map(rows.map((row) => [stateKey(row.presentationId, row.personId), row]));
  }
}

/** An entry about a presenter's invitation: the presenter and presentation named as they were, which the agenda shows publicly anyway. */
function presenterEntry(
  action: 'presenter-invitation.sent' | 'presenter-invitation.resent' | 'presenter-invitation.revoked',
  eventId: string,
  presentation: PresentationView,
  presenter: Presenter,
  by: ActedBy,
): AuditRecord {
  const details = { presenter: presenter.name, presentationId: presentation.id, presentation: presentation.title };
  return actedEntry(by, { eventId, action, subject: { type: 'presenter', id: presenter.personId }, details });
}

export function stateKey(presentationId: string, personId: string): string {
  return `${presentationId}:${personId}`;
}

function chosen(presenters: Presenter[], personIds: string[] | undefined): Presenter[] {
  if (!personIds) return presenters;
  const missing = personIds.map((id, i) => [id, i] as const).filter(([id]) => !presenters.some((p) => p.personId === id));
  if (missing.length > 0) {
    throw Problem.badRequest(
      'Some people are not presenters of this presentation',
      missing.map(([, i]) => ({ field: `personIds[${i}]`, message: 'not a presenter of this presentation' })),
    );
  }
  return presenters.filter((p) => personIds.includes(p.personId));
}
