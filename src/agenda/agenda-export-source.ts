import type { Event } from '../events/event.entity';
import { countryName } from '../people/countries';
import type { AgendaSnapshot, SnapshotPerson, SnapshotPresentation, SnapshotSession } from './agenda-snapshot';

/** The event fields the public documents show; the export cache is keyed on them. */
export const EXPORTED_EVENT_FIELDS = [
  'id',
  'title',
  'slug',
  'description',
  'timezone',
  'venue',
  'startsAt',
  'endsAt',
  'coOrganisers',
  'status',
] as const;

export type ExportedEvent = Pick<Event, (typeof EXPORTED_EVENT_FIELDS)[number]>;

/** Everything the three public documents are built from: the event and its latest published version. */
export interface AgendaExportSource {
  event: ExportedEvent;
  version: { id: string; number: number; note: string; publishedAt: Date; snapshot: AgendaSnapshot };
  /** Base of public links (PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
  /**
   * The biographies presenters wrote, by person id: read when the documents
   * are built rather than frozen in the version, so an edit shows without a new version.
   */
  biographies?: ReadonlyMap<string, string>;
}

type Room = AgendaSnapshot['rooms'][number];
type Theme = AgendaSnapshot['themes'][number];

/** Lookups shared by the document builders. */
export class SnapshotIndex {
  readonly rooms: Map<string, Room>;
  readonly themes: Map<string, Theme>;
  /** Sessions by start, then end, then the snapshot's own order. */
  readonly sessions: SnapshotSession[];
  private readonly countries = new Map<string, string>();

  constructor(snapshot: AgendaSnapshot) {
    this.rooms = new Map(snapshot.rooms.map((r) => [r.id, r]));
    this.themes = new Map(snapshot.themes.map((t) => [t.id, t]));
    this.sessions = [...snapshot.sessions].sort(
      (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || Date.parse(a.endsAt) - Date.parse(b.endsAt),
    );
  }

  room(id: string | null): Room | null {
    return id ? (this.rooms.get(id) ?? null) : null;
  }

  theme(id: string | null): Theme | null {
    return id ? (this.themes.get(id) ?? null) : null;
  }

  /** The English name of an ISO 3166-1 code (Intl.DisplayNames is costly to build, so names are remembered). */
  country(code: string | null): string | null {
    if (!code) return null;
    let name = this.countries.get(code);
    if (name === undefined) {
      name = countryName(code);
      this.countries.set(code, name);
    }
    return name;
  }
}

/** A session's presentations in their order inside it; unplaced ones last. */
export function orderedPresentations(session: SnapshotSession): SnapshotPresentation[] {
  return [...session.presentations].sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER));
}

/**
 * A session's status as the public sees it: when the whole event is
 * cancelled, so is every session in it.
 */
export function effectiveStatus(session: SnapshotSession, source: AgendaExportSource): 'scheduled' | 'cancelled' {
  return source.event.status === 'cancelled' ? 'cancelled' : session.status;
}

/** "Name (Organisation)": how the text documents name a person. */
export function personLine(person: SnapshotPerson): string {
  return person.organisation ? `${person.name} (${person.organisation})` : person.name;
}

/** A session's presentations as plain text: numbered titles, each with its presenters on the next line. */
export function presentationsText(session: SnapshotSession): string {
  return orderedPresentations(session)
    .map((p, i) => {
      const presenters = p.presenters.map(personLine).join(', ');
      return presenters ? `${i + 1}. ${p.title}\n   ${presenters}` : `${i + 1}. ${p.title}`;
    })
    .join('\n');
}
