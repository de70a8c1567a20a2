const MAX_LENGTH = 120;
const MAX_EXTENSION = 10;
const FALLBACK = 'material';

/**
 * A file name safe to store and to offer for download: the last path segment
 * only (no `../`, no `C:\`), runs of white space (line breaks too) as one
 * space, control and invisible formatting characters (including bidi
 * overrides that fake an extension) replaced, a conservative
 * set of characters kept, no leading dots, at most 120 characters with the
 * extension kept.
 */
export function sanitiseFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/\s+/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '_')
    .replace(/[^\p{L}\p{M}\p{N}\p{Pd} ._()+,']/gu, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^[\s._]+/, '')
    .replace(/[\s.]+$/, '');
  return truncate(cleaned) || FALLBACK;
}

/** The extension, lower-cased: up to 10 letters and digits, at least one a letter ("v1.2" has none). */
export function extensionOf(fileName: string): string | null {
  const match = /\.([a-z0-9]*[a-z][a-z0-9]*)$/i.exec(fileName);
  return match && match[1].length <= MAX_EXTENSION ? match[1].toLowerCase() : null;
}

/** The name with `extension` added, when it has none of its own. */
export function withExtension(fileName: string, extension: string): string {
  return extensionOf(fileName) === null ? truncate(`${fileName}.${extension}`) : fileName;
}

function truncate(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot - 1 <= MAX_EXTENSION ? name.slice(dot) : '';
  const stem = Array.from(extension ? name.slice(0, dot) : name);
  return (
    stem
      .slice(0, MAX_LENGTH - Array.from(extension).length)
      .join('')
      .trimEnd() + extension
  );
}
