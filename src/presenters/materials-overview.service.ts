import { Injectable } from '@nestjs/common';
import { PresentationsService } from '../agenda/presentations.service';
import { EventsService } from '../events/events.service';
import { formatInZone } from '../platform/time/zoned-time';
import { MaterialsFilter } from './dto/materials-overview-query.dto';
import { invitationView } from './invitation.view';
import { materialView } from './material.view';
import { isLate } from './materials-deadline';
import { MaterialsService } from './materials.service';
import { PresenterInvitationsService, stateKey } from './presenter-invitations.service';

/** For organisers: which presentations have materials, since when, which are missing, which are late. */
@Injectable()
export class MaterialsOverviewService {
  constructor(
    private readonly events: EventsService,
    private readonly presentations: PresentationsService,
    private readonly invitations: PresenterInvitationsService,
    private readonly materials: MaterialsService,
  ) {}

  async list(eventId: string, filter: MaterialsFilter, sessionId?: string) {
    const event = await this.events.getEntity(eventId);
    const at = (value: Date | null) => (value ? formatInZone(value, event.timezone) : null);
    const { items } = await this.presentations.list(eventId, sessionId);
    const ids = items.map((p) => p.id);
    const states = await this.invitations.states(eventId, ids);
    const versions = await this.materials.versions(eventId, ids);
    const rows = items.map((p) => {
      const mine = versions.get(p.id) ?? [];
      const latest = mine[0] ?? null;
      const first = mine[mine.length - 1] ?? null;
      return {
        id: p.id,
        title: p.title,
        sessionId: p.sessionId,
        themeId: p.themeId,
        position: p.position,
        status: p.status,
        presenters: p.presenters.map((x) => ({
          personId: x.personId,
          name: x.name,
          email: x.email,
          organisation: x.organisation,
          region: x.region,
          countryCode: x.countryCode,
          role: x.role,
          invitation: invitationView(states.get(stateKey(p.id, x.personId)), event.timezone),
        })),
        materials: {
          state: latest ? ('submitted' as const) : ('missing' as const),
          versions: mine.length,
          firstSubmittedAt: at(first?.uploadedAt ?? null),
          lastSubmittedAt: at(latest?.uploadedAt ?? null),
          late: isLate(event.materialsDueAt, first?.uploadedAt ?? null),
          latest: latest ? materialView(latest, event.timezone, latest.version) : null,
        },
      };
    });
    return {
      items: filter === 'all' ? rows : rows.filter((row) => row.materials.state === filter),
      nextCursor: null,
      materialsDueAt: at(event.materialsDueAt),
    };
  }
}
