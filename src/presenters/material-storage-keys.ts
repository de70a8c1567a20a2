/**
 * Where a material's bytes live in FileStorage: `<event>/<presentation>/<material>`,
 * so all files of a presentation share one prefix and can be removed together.
 */
export function materialStorageKey(eventId: string, presentationId: string, materialId: string): string {
  return `${presentationStoragePrefix(eventId, presentationId)}/${materialId}`;
}

export function presentationStoragePrefix(eventId: string, presentationId: string): string {
  return `${eventId}/${presentationId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids in a key of that shape; null for any other key. */
export function parseMaterialStorageKey(key: string): { eventId: string; presentationId: string } | null {
  const parts = key.split('/');
  if (parts.length !== 3 || !UUID.test(parts[0]) || !UUID.test(parts[1])) return null;
  return { eventId: parts[0], presentationId: parts[1] };
}
