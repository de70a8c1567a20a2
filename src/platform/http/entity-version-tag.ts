/** A row version as an HTTP entity tag: `"3"`. */
export function versionTag(version: number): string {
  return `"${version}"`;
}

/**
 * Whether an If-Match header allows a change to the row at `version`. RFC
 * 9110 §13.1.1 compares strongly (a weak tag never matches) and `*` matches any
 * current row; a bare number (`If-Match: 3`) is taken as the quoted tag, since
 * clients given "the version" tend to send it so.
 */
export function ifMatchAllows(header: string, version: number): boolean {
  const value = header.trim();
  if (value === '*') return true;
  return value.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === versionTag(version) || candidate === String(version);
  });
}
