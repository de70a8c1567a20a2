/** What the events module announces after commit; reminders and registration listen. */
export interface EventRescheduled {
  eventId: string;
  previous: { startsAt: string; endsAt: string };
  startsAt: string;
  endsAt: string;
  postponed: boolean;
}

export interface EventCancelled {
  eventId: string;
  reason: string | null;
}

export interface EventCapacityChanged {
  eventId: string;
  previous: number | null;
  capacity: number | null;
}

export interface EventCreated {
  eventId: string;
  defaultReminders: boolean;
}

export interface EventPublished {
  eventId: string;
}

declare module '../platform/domain-events/domain-event-map' {
  interface DomainEventMap {
    'event.rescheduled': EventRescheduled;
    'event.cancelled': EventCancelled;
    'event.capacity-changed': EventCapacityChanged;
    'event.published': EventPublished;
    'event.created': EventCreated;
  }
}
