import type { SnapshotSession } from '../agenda/agenda-snapshot';
import { Event } from '../events/event.entity';
import { ReminderRule } from './reminder-rule.entity';

export interface Occurrence {
  /** `event`, `fixed`, `materials` or a session id: unique per rule. */
  occurrence: string;
  sessionId: string | null;
  anchorAt: Date;
  dueAt: Date;
}

/**
 * Where a rule's reminders fall, from the event and the sessions of the
 * latest published agenda. A cancelled event or a disabled rule has none.
 */
export function occurrencesOf(rule: ReminderRule, event: Event, sessions: SnapshotSession[]): Occurrence[] {
  if (!rule.enabled || event.status === 'cancelled') return [];
  const at = (
    occurrence: string,
    anchorAt: Date | null,
    sessionId: string | null = null,
    offsetMinutes = rule.offsetMinutes,
  ): Occurrence[] => (anchorAt ? [{ occurrence, sessionId, anchorAt, dueAt: new Date(anchorAt.getTime() + offsetMinutes * 60_000) }] : []);
  switch (rule.anchor) {
    case 'event_start':
      return at('event', event.startsAt);
    case 'event_end':
      return at('event', event.endsAt);
    case 'materials_due':
      return at('materials', event.materialsDueAt);
    case 'fixed':
      // The moment typed is the moment sent: the API and the dashboard say a fixed rule's offset is not used.
      return at('fixed', rule.fixedAt, null, 0);
    case 'session_start':
      return sessions
        .filter((s) => s.status === 'scheduled' && (rule.audience !== 'session_signups' || s.capacity !== null))
        .flatMap((s) => at(s.id, new Date(s.startsAt), s.id));
  }
}
