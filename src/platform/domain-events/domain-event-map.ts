/**
 * Every in-process domain event and its payload. Modules add their own events
 * by augmenting this interface (`declare module`), so emitters and listeners
 * agree on payload types without the platform knowing any domain.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each module's `declare module` augmentation
export interface DomainEventMap {}

export type DomainEventName = keyof DomainEventMap;
