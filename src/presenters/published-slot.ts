import type { AgendaVersion } from '../agenda/agenda-version.entity';
import { describeSpan, formatInZone } from '../platform/time/zoned-time';

export interface PublishedSlot {
  sessionId: string;
  sessionTitle: string;
  startsAt: string;
  endsAt: string;
  room: string | null;
  /** For people: "8 October 2019 at 09:30 – 11:00 (Europe/Brussels), Plenary hall". */
  description: string;
}

/**
 * Where each presentation sits in the published agenda, which is what
 * presenters follow (design.md "Agenda versions"); none before the first version.
 */
export function publishedSlots(version: AgendaVersion | null, timezone: string): Map<string, PublishedSlot> {
  const slots = new Map<string, PublishedSlot>();
  if (!version) return slots;
  const rooms = new Map(version.snapshot.rooms.map((r) => [r.id, r.name]));
  for (const session of version.snapshot.sessions) {
    if (session.status === 'cancelled') continue;
    const startsAt = new Date(session.startsAt);
    const endsAt = new Date(session.endsAt);
    const room = session.roomId ? (rooms.get(session.roomId) ?? null) : null;
    for (const presentation of session.presentations) {
      slots.set(presentation.id, {
        sessionId: session.id,
        sessionTitle: session.title,
        startsAt: formatInZone(startsAt, timezone),
        endsAt: formatInZone(endsAt, timezone),
        room,
        description: `${describeSpan(startsAt, endsAt, timezone)}${room ? `, ${room}` : ''}, in "${session.title}"`,
      });
    }
  }
  return slots;
}
