/** Lower-case ASCII words joined by hyphens, accents folded ("Región de O’Higgins" → "region-de-o-higgins"). */
export function slugify(text: string, fallback: string, maxLength = 60): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, maxLength)
      .replace(/-+$/g, '') || fallback
  );
}
