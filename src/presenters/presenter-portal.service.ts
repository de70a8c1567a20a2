import { Injectable } from '@nestjs/common';
import { AgendaVersionsService } from '../agenda/agenda-versions.service';
import { PresentationsService } from '../agenda/presentations.service';
import { MagicLinkPrincipal } from '../auth/principal';
import { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { PeopleService } from '../people/people.service';
import { Problem } from '../platform/http/problem';
import { formatInZone } from '../platform/time/zoned-time';
import { countryName } from '../people/countries';
import { BiographyInput } from './dto/presenter-biography.dto';
import { PortalPresentationInput } from './dto/portal-presentation.dto';
import { invitationView } from './invitation.view';
import { materialView } from './material.view';
import { isLate } from './materials-deadline';
import { MaterialsService } from './materials.service';
import { PresentationView, PresenterInvitationsService, stateKey } from './presenter-invitations.service';
import { publishedSlots } from './published-slot';

/** A presenter's part: the person behind the token and the event it is for. */
export interface PresenterRef {
  eventId: string;
  personId: string;
}

/**
 * The presenter portal: what a presenter's token opens. It reaches the
 * presentations that person presents in the token's event and nothing else;
 * any other presentation is answered as if it did not exist.
 */
@Injectable()
export class PresenterPortalService {
  constructor(
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly presentations: PresentationsService,
    private readonly versions: AgendaVersionsService,
    private readonly invitations: PresenterInvitationsService,
    private readonly materials: MaterialsService,
  ) {}

  /** The presenter a token stands for. */
  presenterOf(principal: MagicLinkPrincipal): PresenterRef {
    if (principal.subjectType !== 'presenter' || !principal.eventId)
      throw Problem.forbidden('This needs the link from a presenter invitation');
    return { eventId: principal.eventId, personId: principal.subjectId };
  }

  async myPresentations(me: PresenterRef) {
    const event = await this.events.getEntity(me.eventId);
    const person = await this.people.get(me.eventId, me.personId);
    const all = await this.presentations.list(me.eventId);
    const mine = all.items.filter((p) => presents(p, me.personId));
    return {
      event: {
        id: event.id,
        title: event.title,
        timezone: event.timezone,
        startsAt: formatInZone(event.startsAt, event.timezone),
        endsAt: formatInZone(event.endsAt, event.timezone),
        venue: event.venue,
        status: event.status,
        materialsDueAt: event.materialsDueAt ? formatInZone(event.materialsDueAt, event.timezone) : null,
      },
      me: { personId: person.id, name: person.name, email: person.email, biography: await this.people.biography(me.eventId, me.personId) },
      items: await this.views(event, me, mine),
      nextCursor: null,
    };
  }

  async presentation(me: PresenterRef, presentationId: string) {
    const presentation = await this.require(me, presentationId);
    const [view] = await this.views(await this.events.getEntity(me.eventId), me, [presentation]);
    return view;
  }

  /** The presentation, when this presenter presents it; 404 otherwise. */
  async require(me: PresenterRef, presentationId: string): Promise<PresentationView> {
    const presentation = await this.presentations.get(me.eventId, presentationId).catch((error: unknown) => {
      if (error instanceof Problem && error.getStatus() === 404) return null;
      throw error;
    });
    if (!presentation || !presents(presentation, me.personId)) throw Problem.notFound(`No presentation ${presentationId} among yours`);
    return presentation;
  }

  async update(me: PresenterRef, presentationId: string, input: PortalPresentationInput) {
    await this.require(me, presentationId);
    await this.presentations.update(me.eventId, presentationId, input);
    return this.presentation(me, presentationId);
  }

  /** The presenter's own biography, for the public speaker page; nobody else's. */
  async setBiography(me: PresenterRef, input: BiographyInput) {
    return { biography: await this.people.setBiography(me.eventId, me.personId, input.biography) };
  }

  async respond(me: PresenterRef, presentationId: string, status: 'confirmed' | 'declined', reason: string | null) {
    await this.require(me, presentationId);
    await this.invitations.respond(me.eventId, presentationId, me.personId, status, reason);
    return this.presentation(me, presentationId);
  }

  private async views(event: Event, me: PresenterRef, presentations: PresentationView[]) {
    const ids = presentations.map((p) => p.id);
    const states = await this.invitations.states(me.eventId, ids);
    const versions = await this.materials.versions(me.eventId, ids);
    const slots = publishedSlots(await this.versions.latest(me.eventId), event.timezone);
    const dueAt = event.materialsDueAt;
    return presentations.map((p) => {
      const materials = versions.get(p.id) ?? [];
      const current = materials[0] ?? null;
      const first = materials[materials.length - 1] ?? null;
      return {
        id: p.id,
        title: p.title,
        abstract: p.abstract,
        status: p.status,
        sections: p.sections,
        myRole: p.presenters.find((x) => x.personId === me.personId)?.role ?? null,
        myInvitation: invitationView(states.get(stateKey(p.id, me.personId)), event.timezone),
        slot: slots.get(p.id) ?? null,
        // Fellow presenters as the public agenda shows them: no email addresses.
        presenters: p.presenters.map((x) => ({
          personId: x.personId,
          name: x.name,
          organisation: x.organisation,
          region: x.region,
          countryCode: x.countryCode,
          country: x.countryCode ? countryName(x.countryCode) : null,
          title: x.title,
          role: x.role,
          isMe: x.personId === me.personId,
          invitationStatus: states.get(stateKey(p.id, x.personId))?.status ?? 'not_invited',
        })),
        materials: {
          dueAt: dueAt ? formatInZone(dueAt, event.timezone) : null,
          submitted: current !== null,
          late: isLate(dueAt, first?.uploadedAt ?? null),
          current: current ? materialView(current, event.timezone, current.version) : null,
          versions: materials.map((m) => materialView(m, event.timezone, current?.version ?? 0)),
        },
      };
    });
  }
}

function presents(presentation: PresentationView, personId: string): boolean {
  return presentation.presenters.some((p) => p.personId === personId);
}
