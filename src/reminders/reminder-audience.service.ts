import { Injectable } from '@nestjs/common';
import { AgendaVersionsService } from '../agenda/agenda-versions.service';
import { WorkingAgendaService } from '../agenda/working-agenda.service';
import { PeopleService } from '../people/people.service';
import { MaterialsService } from '../presenters/materials.service';
import { RegistrationQueriesService } from '../registration/registration-queries.service';
import { ReminderAudience } from './reminder-rule.entity';
import { RemindersRepository } from './reminders.repository';

export interface Recipient {
  personId: string;
  name: string;
  email: string;
  language: string | null;
  /** Attendees' links open their registration; presenters' their portal. */
  registrationId: string | null;
}

/**
 * A rule's audience, read a batch at a time in person-id order through the
 * modules that own the data, so a fan-out to thousands keeps memory flat.
 * A session's audience is the session as the latest published version has it,
 * like its time: an unpublished change of presenters reminds nobody new yet.
 */
@Injectable()
export class ReminderAudienceService {
  constructor(
    private readonly repository: RemindersRepository,
    private readonly registrations: RegistrationQueriesService,
    private readonly agenda: WorkingAgendaService,
    private readonly versions: AgendaVersionsService,
    private readonly people: PeopleService,
    private readonly materials: MaterialsService,
  ) {}

  /** Registrations an organiser picked by hand (an announcement to them). */
  selected(eventId: string, registrationIds: string[], afterPersonId: string | null, limit: number): Promise<Recipient[]> {
    return this.registrations.selectedRecipients(eventId, registrationIds, afterPersonId, limit);
  }

  /** Which of the picked ids are registrations of the event. */
  existingRegistrations(eventId: string, registrationIds: string[]): Promise<Set<string>> {
    return this.registrations.existingIds(eventId, registrationIds);
  }

  async batch(
    eventId: string,
    audience: ReminderAudience,
    sessionId: string | null,
    afterPersonId: string | null,
    limit: number,
  ): Promise<Recipient[]> {
    switch (audience) {
      case 'presenters':
      case 'presenters_missing_materials': {
        const only = audience === 'presenters_missing_materials' ? await this.materials.presentationsWithoutMaterials(eventId) : undefined;
        const presenters = sessionId
          ? await this.publishedPresenters(eventId, sessionId, afterPersonId, limit, only)
          : // Event-wide, presenters of presentations not yet in a published session are asked for their materials too.
            await this.agenda.presenterRecipients(this.repository.manager, eventId, afterPersonId, limit, null, only);
        return presenters.map((p) => ({ ...p, registrationId: null }));
      }
      case 'session_signups':
        if (!sessionId || !(await this.versions.publishedSession(eventId, sessionId))) return [];
        return this.registrations.recipients(eventId, audience, afterPersonId, limit, sessionId);
      default:
        return this.registrations.recipients(eventId, audience, afterPersonId, limit);
    }
  }

  private async publishedPresenters(eventId: string, sessionId: string, afterPersonId: string | null, limit: number, only?: string[]) {
    const session = await this.versions.publishedSession(eventId, sessionId);
    const presentations = (session?.presentations ?? []).filter((p) => !only || only.includes(p.id));
    const ids = [...new Set(presentations.flatMap((p) => p.presenters.map((person) => person.id)))];
    return this.people.contacts(eventId, ids, afterPersonId, limit);
  }
}
