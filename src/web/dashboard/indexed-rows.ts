/**
 * Repeated rows of a form as the flat body carries them: `presenters[1][email]`
 * (the page parser is not extended, so each is one key). Rows come back in
 * index order, each with every field named (blank when not sent), so a form
 * can be shown again exactly as it was typed.
 */
export function indexedRows<F extends string>(body: Record<string, unknown>, list: string, fields: readonly F[]): Array<Record<F, string>> {
  const pattern = new RegExp(`^${list}\\[(\\d{1,3})\\]\\[(\\w+)\\]$`);
  const rows = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(body)) {
    const match = pattern.exec(key);
    if (!match || !(fields as readonly string[]).includes(match[2])) continue;
    const index = Number(match[1]);
    const row = rows.get(index) ?? {};
    row[match[2]] = typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '';
    rows.set(index, row);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => Object.fromEntries(fields.map((field) => [field, row[field] ?? ''])) as Record<F, string>);
}

/** A row where nothing was typed (only its defaults chosen) is an unused slot of the form, not an entry. */
export function isBlankRow(row: Record<string, string>, significant: readonly string[]): boolean {
  return significant.every((field) => (row[field] ?? '').trim() === '');
}

/** Rows as a form shows them: numbered from 1, each with the errors of its own fields (`presenters[1].email` → `rowErrors.email`). */
export function shownRows<R extends Record<string, string>>(
  rows: R[],
  list: string,
  errors: Record<string, string> | null | undefined,
): Array<R & { index: number; n: number; rowErrors: Record<string, string> }> {
  return rows.map((row, index) => {
    const prefix = `${list}[${index}].`;
    const rowErrors = Object.fromEntries(
      Object.entries(errors ?? {})
        .filter(([field]) => field.startsWith(prefix))
        .map(([field, message]) => [field.slice(prefix.length), message]),
    );
    // A row refused as a whole (`presenters[1]`: neither a person nor a full description) shows beside its first field.
    const whole = errors?.[`${list}[${index}]`];
    return { ...row, index, n: index + 1, rowErrors: whole ? { whole, ...rowErrors } : rowErrors };
  });
}
