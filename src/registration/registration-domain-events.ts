/** What the registration module announces after commit; letters listen. */
export interface RegistrationCancelled {
  eventId: string;
  registrationId: string;
}

declare module '../platform/domain-events/domain-event-map' {
  interface DomainEventMap {
    'registration.cancelled': RegistrationCancelled;
  }
}
