import type { PublicAgenda, PublicSession } from '../agenda/public-agenda-document';

/** A cell of the grid table: a session spanning its rows, or an empty slot. */
export type GridCell = { session: PublicSession; rowspan: number; themeClass: string | null } | { empty: true };

export interface GridDay {
  date: string;
  /** One header per room; a room with overlapping sessions (a cancelled one and its replacement) spans several lanes. */
  rooms: Array<{ id: string | null; name: string | null; lanes: number }>;
  /** Row by row from the day's first start: every start or end of a session opens a row. */
  rows: Array<{ startsAt: string; cells: GridCell[] }>;
}

const NO_ROOM = '\u0000';

/** A CSS class for a theme colour; the stylesheet beside the grid gives each its colour. */
export function themeClass(colour: string | null | undefined): string | null {
  return colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? `theme-${colour.slice(1).toLowerCase()}` : null;
}

/**
 * The stylesheet of the grid's theme colours: classes only, since the pages'
 * CSP refuses inline styles. Loaded after programme.css, it wins over the
 * default colour; breaks keep theirs (more specific).
 */
export function themeStylesheet(days: PublicAgenda['days']): string {
  const colours = new Set<string>();
  for (const session of days.flatMap((d) => d.sessions)) {
    const colour = session.theme?.colour;
    if (themeClass(colour)) colours.add(colour!.toLowerCase());
  }
  return [...colours]
    .sort()
    .map((c) => `.programme-grid td.theme-${c.slice(1)} { border-left-color: ${c}; }`)
    .join('\n');
}

/**
 * The published days as tables, columns per room and rows by time, each
 * session spanning the rows of its duration. Rooms are in name order, the
 * sessions without a room last.
 */
export function programmeGrid(days: PublicAgenda['days']): GridDay[] {
  return days.filter((day) => day.sessions.length > 0).map((day) => gridDay(day.date, day.sessions));
}

function gridDay(date: string, sessions: PublicSession[]): GridDay {
  const byRoom = new Map<string, { id: string | null; name: string | null; sessions: PublicSession[] }>();
  for (const session of sessions) {
    const key = session.room?.id ?? NO_ROOM;
    const room = byRoom.get(key) ?? { id: session.room?.id ?? null, name: session.room?.name ?? null, sessions: [] };
    room.sessions.push(session);
    byRoom.set(key, room);
  }
  const rooms = [...byRoom.values()].sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : (a.name ?? '').localeCompare(b.name ?? '')));

  // Lanes: a session goes in the first lane of its room that is free when it starts.
  const columns: PublicSession[][] = [];
  const headers: GridDay['rooms'] = [];
  for (const room of rooms) {
    const lanes: PublicSession[][] = [];
    for (const session of [...room.sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))) {
      const free = lanes.find((lane) => Date.parse(lane[lane.length - 1].endsAt) <= Date.parse(session.startsAt));
      if (free) free.push(session);
      else lanes.push([session]);
    }
    columns.push(...lanes);
    headers.push({ id: room.id, name: room.name, lanes: lanes.length });
  }

  const instants = new Map<number, string>();
  for (const s of sessions) {
    instants.set(Date.parse(s.startsAt), s.startsAt);
    instants.set(Date.parse(s.endsAt), s.endsAt);
  }
  const boundaries = [...instants.keys()].sort((a, b) => a - b);
  const rowOf = new Map(boundaries.map((t, i) => [t, i]));
  const rowCount = Math.max(1, boundaries.length - 1);

  const table: Array<Array<GridCell | 'covered' | null>> = Array.from({ length: rowCount }, () => columns.map(() => null));
  columns.forEach((lane, col) => {
    for (const session of lane) {
      const first = rowOf.get(Date.parse(session.startsAt))!;
      const span = Math.max(1, rowOf.get(Date.parse(session.endsAt))! - first);
      table[first][col] = { session, rowspan: span, themeClass: themeClass(session.theme?.colour) };
      for (let r = first + 1; r < first + span && r < rowCount; r++) table[r][col] = 'covered';
    }
  });

  return {
    date,
    rooms: headers,
    rows: table.map((cells, r) => ({
      startsAt: instants.get(boundaries[r])!,
      cells: cells.filter((c) => c !== 'covered').map((c) => c ?? { empty: true as const }),
    })),
  };
}
