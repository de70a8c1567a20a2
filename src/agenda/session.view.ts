import { formatInZone } from '../platform/time/zoned-time';
import { SnapshotSession } from './agenda-snapshot';

/** A session of the working agenda as organisers see it; times with the event's offset. */
export function sessionView(session: SnapshotSession, timezone: string, version: number) {
  const { sequence: _sequence, ...rest } = session;
  return {
    ...rest,
    version,
    startsAt: formatInZone(new Date(session.startsAt), timezone),
    endsAt: formatInZone(new Date(session.endsAt), timezone),
  };
}
