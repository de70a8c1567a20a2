import type { PublicAgenda, PublicPerson, PublicSession } from '../agenda/public-agenda-document';

/** What a visitor narrowed the public programme to; every part optional. */
export interface AgendaFilter {
  q: string;
  day: string;
  themeId: string;
  roomId: string;
  kind: string;
}

const one = (value: unknown): string => (typeof value === 'string' ? value.trim().slice(0, 200) : '');

/** The filter from the page's query string; anything not a plain string counts as unset. */
export function agendaFilterFrom(query: Record<string, unknown>): AgendaFilter {
  return { q: one(query.q), day: one(query.day), themeId: one(query.theme), roomId: one(query.room), kind: one(query.kind) };
}

export function isFiltering(filter: AgendaFilter): boolean {
  return Boolean(filter.q || filter.day || filter.themeId || filter.roomId || filter.kind);
}

/** Case- and accent-blind, so "region" finds "Región" and "ohiggins" finds "O'Higgins". */
function folded(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function personText(person: PublicPerson): string[] {
  return [person.name, person.organisation ?? '', person.region ?? '', person.country ?? ''];
}

function sessionText(session: PublicSession): string {
  return folded(
    [
      session.title,
      session.description,
      session.hostOrganisation ?? '',
      ...session.chairs.flatMap(personText),
      ...session.presentations.flatMap((p) => [p.title, p.abstract, ...p.presenters.flatMap(personText)]),
    ].join(' '),
  );
}

function matches(session: PublicSession, filter: AgendaFilter, words: string[]): boolean {
  if (filter.themeId && session.theme?.id !== filter.themeId && !session.presentations.some((p) => p.theme?.id === filter.themeId)) {
    return false;
  }
  if (filter.roomId && session.room?.id !== filter.roomId) return false;
  if (filter.kind && session.kind !== filter.kind) return false;
  if (words.length === 0) return true;
  const text = sessionText(session);
  return words.every((word) => text.includes(word));
}

/** The days and sessions the filter keeps; every word of `q` must appear somewhere in a session. */
export function filterAgenda(days: PublicAgenda['days'], filter: AgendaFilter): PublicAgenda['days'] {
  const words = filter.q.split(/\s+/).map(folded).filter(Boolean);
  return days
    .filter((day) => !filter.day || day.date === filter.day)
    .map((day) => ({ ...day, sessions: day.sessions.filter((session) => matches(session, filter, words)) }));
}

/** The choices the filter form offers: the days, themes and rooms the published agenda has. */
export function filterChoices(days: PublicAgenda['days']) {
  const themes = new Map<string, string>();
  const rooms = new Map<string, string>();
  const kinds = new Set<string>();
  for (const session of days.flatMap((d) => d.sessions)) {
    kinds.add(session.kind);
    if (session.theme) themes.set(session.theme.id, session.theme.name);
    for (const p of session.presentations) if (p.theme) themes.set(p.theme.id, p.theme.name);
    if (session.room) rooms.set(session.room.id, session.room.name);
  }
  const sorted = (map: Map<string, string>) => [...map].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  return {
    days: days.map((d) => d.date),
    themes: sorted(themes),
    rooms: sorted(rooms),
    kinds: [...kinds].sort().map((kind) => ({ kind, label: `public.kind.${kind}` })),
  };
}
