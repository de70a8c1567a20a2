import type { PresenterRole } from './presentation-presenter.entity';
import type { PresentationSection } from './presentation.entity';
import type { ChairRole } from './session-chair.entity';
import type { SessionKind, SessionStatus } from './session.entity';

/** A person as the public agenda shows them: never an email address. */
export interface SnapshotPerson {
  id: string;
  name: string;
  organisation: string | null;
  region: string | null;
  countryCode: string | null;
  title: string | null;
}

export interface SnapshotPresentation {
  id: string;
  title: string;
  abstract: string;
  themeId: string | null;
  position: number | null;
  sections: Partial<Record<PresentationSection, string>>;
  presenters: Array<SnapshotPerson & { role: PresenterRole }>;
}

export interface SnapshotSession {
  id: string;
  kind: SessionKind;
  title: string;
  description: string;
  themeId: string | null;
  roomId: string | null;
  /** ISO instants (UTC); rendered with the event's offset on the way out. */
  startsAt: string;
  endsAt: string;
  hostOrganisation: string | null;
  capacity: number | null;
  status: SessionStatus;
  chairs: Array<SnapshotPerson & { role: ChairRole }>;
  presentations: SnapshotPresentation[];
  /** iCalendar SEQUENCE: rises each version in which the session changed. */
  sequence: number;
}

export interface AgendaSnapshot {
  rooms: Array<{ id: string; name: string; capacity: number | null }>;
  themes: Array<{ id: string; name: string; colour: string | null }>;
  sessions: SnapshotSession[];
}

/** The contract's S: `{sessionId, title, startsAt, endsAt, roomId}`, times with the event's offset. */
export interface SessionRef {
  sessionId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  roomId: string | null;
}

export interface AgendaChanges {
  added: SessionRef[];
  moved: Array<{ sessionId: string; title: string; from: SessionRef; to: SessionRef }>;
  cancelled: SessionRef[];
  /** Same time and room, but title, description, people or presentations differ. */
  changed: SessionRef[];
}

export interface ConflictWarning {
  personId: string;
  personName: string;
  roles: string[];
  sessions: SessionRef[];
}
