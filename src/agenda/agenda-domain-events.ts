import type { AgendaChanges } from './agenda-snapshot';

/** Announced after a version commits; reminders reschedule and notify from it. */
export interface AgendaPublished {
  eventId: string;
  versionId: string;
  number: number;
  changes: AgendaChanges;
}

declare module '../platform/domain-events/domain-event-map' {
  interface DomainEventMap {
    'agenda.published': AgendaPublished;
  }
}
