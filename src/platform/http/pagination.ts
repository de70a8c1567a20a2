import { z } from 'zod';
import { Problem } from './problem';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;

/** Keyset cursor: the sort value and id of the last item, opaque to clients. */
export interface Cursor {
  after: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.after, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const [after, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof after === 'string' && !Number.isNaN(Date.parse(after)) && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) {
      return { after, id };
    }
  } catch {
    // fall through to the 400 below
  }
  throw Problem.badRequest('The cursor is not one this API returned', [{ field: 'cursor', message: 'unknown cursor' }]);
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, cursorOf: (row: R) => Cursor): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return {
    items: items.map(map),
    nextCursor: more ? encodeCursor(cursorOf(items[items.length - 1])) : null,
  };
}
