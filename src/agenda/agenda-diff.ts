import { formatInZone } from '../platform/time/zoned-time';
import { AgendaChanges, AgendaSnapshot, SessionRef, SnapshotSession } from './agenda-snapshot';

export function sessionRef(
  session: Pick<SnapshotSession, 'id' | 'title' | 'startsAt' | 'endsAt' | 'roomId'>,
  timezone: string,
): SessionRef {
  return {
    sessionId: session.id,
    title: session.title,
    startsAt: formatInZone(new Date(session.startsAt), timezone),
    endsAt: formatInZone(new Date(session.endsAt), timezone),
    roomId: session.roomId,
  };
}

const moved = (a: SnapshotSession, b: SnapshotSession) => a.startsAt !== b.startsAt || a.endsAt !== b.endsAt || a.roomId !== b.roomId;

/**
 * Everything but the sequence itself, so an unchanged session keeps its
 * SEQUENCE. Keys are sorted because jsonb does not keep their order.
 */
const fingerprint = (s: SnapshotSession) => canonical({ ...s, sequence: 0 });

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The changelog of version N against N-1, and the SEQUENCE of each session in
 * N (previous + 1 when anything about it changed). A session that was never
 * published and is now cancelled simply does not appear.
 */
export function diffAgenda(
  previous: AgendaSnapshot | null,
  next: AgendaSnapshot,
  timezone: string,
): { changes: AgendaChanges; snapshot: AgendaSnapshot } {
  const before = new Map((previous?.sessions ?? []).map((s) => [s.id, s]));
  const changes: AgendaChanges = { added: [], moved: [], cancelled: [], changed: [] };
  const sessions: SnapshotSession[] = [];
  for (const session of next.sessions) {
    const old = before.get(session.id);
    if (!old) {
      if (session.status === 'cancelled') continue;
      changes.added.push(sessionRef(session, timezone));
      sessions.push({ ...session, sequence: 0 });
      continue;
    }
    const differs = fingerprint(old) !== fingerprint(session);
    sessions.push({ ...session, sequence: differs ? old.sequence + 1 : old.sequence });
    if (session.status === 'cancelled') {
      if (old.status !== 'cancelled') changes.cancelled.push(sessionRef(session, timezone));
    } else if (old.status === 'cancelled') {
      changes.added.push(sessionRef(session, timezone));
    } else if (moved(old, session)) {
      changes.moved.push({
        sessionId: session.id,
        title: session.title,
        from: sessionRef(old, timezone),
        to: sessionRef(session, timezone),
      });
    } else if (differs) {
      changes.changed.push(sessionRef(session, timezone));
    }
  }
  return { changes, snapshot: { ...next, sessions } };
}
