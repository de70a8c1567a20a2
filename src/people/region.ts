/**
 * Regions are free text typed by people from many countries, so the same
 * region arrives in several spellings: trimmed, spaces collapsed, NFC, and
 * typographic apostrophes folded (O’Higgins → O'Higgins). Reports then compare
 * case-insensitively.
 */
export function normaliseRegion(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC\u2032\u0060\u00B4]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
