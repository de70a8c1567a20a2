import { Event } from '../events/event.entity';

export type RegistrationWindow =
  { state: 'open'; closesAt: Date } | { state: 'not-yet'; opensAt: Date } | { state: 'closed' } | { state: 'cancelled' };

/**
 * Whether the public may register now: from `registrationOpensAt` (else the
 * publication) until `registrationClosesAt` (else the event's start), and only
 * while the event is published. The one statement of this rule: the pages, the
 * API and the registration batch statement (which takes `closesAt` from here)
 * all ask it.
 */
export function registrationWindow(
  event: Pick<Event, 'status' | 'registrationOpensAt' | 'registrationClosesAt' | 'publishedAt' | 'startsAt'>,
  now = new Date(),
): RegistrationWindow {
  if (event.status === 'cancelled') return { state: 'cancelled' };
  if (event.status !== 'published') return { state: 'closed' };
  const opens = event.registrationOpensAt ?? event.publishedAt;
  const closes = event.registrationClosesAt ?? event.startsAt;
  if (!opens || now < opens) return opens ? { state: 'not-yet', opensAt: opens } : { state: 'closed' };
  if (now >= closes) return { state: 'closed' };
  return { state: 'open', closesAt: closes };
}
