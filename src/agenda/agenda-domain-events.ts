import type { AgendaChanges } from './agenda-snapshot';

/** Announced after a version commits; reminders reschedule and notify from it. */
export interface AgendaPublished {
  eventId: string;
  versionId: string;
  number: number;
  changes: AgendaChanges;
}

/**
 * Announced after a presentation's deletion commits. Its presenters, invitations
 * and material rows went with it (foreign keys cascade); the presenters module
 * removes the stored files and the links of people who now present nothing.
 */
export interface PresentationRemoved {
  eventId: string;
  presentationId: string;
}

declare module '../platform/domain-events/domain-event-map' {
  interface DomainEventMap {
    'agenda.published': AgendaPublished;
    'presentation.removed': PresentationRemoved;
  }
}
