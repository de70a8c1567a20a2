import type { Request } from 'express';
import { Event } from '../../events/event.entity';
import { EventRole } from '../../events/event-member.entity';
import { EventsService } from '../../events/events.service';
import { WebPageError } from '../web-page-error';

export interface EventPage {
  event: Event;
  role: EventRole;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The event behind a dashboard page and the organiser's role in it. As on the
 * API, an organiser who is not a member learns nothing: the page is a 404.
 */
export async function loadEventPage(events: EventsService, req: Request, eventId: string): Promise<EventPage> {
  const principal = req.principal;
  if (principal?.kind !== 'organiser') throw new WebPageError(401, 'forbidden');
  if (!UUID.test(eventId)) throw new WebPageError(404, 'notFound');
  const role = await events.roleOf(eventId, principal.organiserId);
  if (!role) throw new WebPageError(404, 'notFound');
  // As the API's guard does: the page's role, which the event's tabs read (owners see more of them).
  req.eventAccess = { eventId, role };
  return { event: await events.getEntity(eventId), role };
}
