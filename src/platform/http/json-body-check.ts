/**
 * Deeper than any request body this API takes (the deepest, a registration's
 * answers, is four levels), yet far below where a recursive walk anywhere
 * downstream (validation, logging, serialisation) could exhaust the stack.
 */
export const MAX_JSON_DEPTH = 32;

export type JsonBodyFault = { kind: 'too-deep'; path: string } | { kind: 'nul'; paths: string[] };

/**
 * One iterative pass over a parsed JSON body: refuses nesting deeper than
 * MAX_JSON_DEPTH and names every string that contains NUL (Postgres cannot
 * store it). Iterative because a body is attacker-controlled: a recursive walk
 * overflowed the stack at a few thousand levels and took the process down.
 */
export function checkJsonBody(body: unknown): JsonBodyFault | null {
  const nul: string[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) nul.push(path);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { kind: 'too-deep', path };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
    } else {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i];
        stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
      }
    }
  }
  return nul.length > 0 ? { kind: 'nul', paths: nul } : null;
}
