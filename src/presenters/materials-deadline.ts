/**
 * Late against the event's `materialsDueAt`: first submitted after it, or
 * still missing once it has passed. Later versions after a timely first one
 * are updates, not lateness.
 */
export function isLate(dueAt: Date | null, firstSubmittedAt: Date | null, now = new Date()): boolean {
  if (!dueAt) return false;
  return firstSubmittedAt ? firstSubmittedAt > dueAt : now > dueAt;
}
