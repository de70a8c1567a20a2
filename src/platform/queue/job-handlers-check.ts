/**
 * Every job and maintenance task needs exactly one handler, registered by the
 * `*.processor.ts` named for it. A second registration throws where it is
 * made; this finds the names nobody registered, so boot fails naming them
 * instead of their jobs waiting unseen in a queue.
 */
export function assertEveryJobHandled(kind: string, names: readonly string[], handled: Iterable<string>): void {
  const registered = new Set(handled);
  const missing = names.filter((name) => !registered.has(name));
  if (missing.length > 0) {
    throw new Error(
      `Plenary cannot start: no handler for the ${kind} ${missing.map((name) => `"${name}"`).join(', ')}; ` +
        `each needs a *.processor.ts provider that registers it`,
    );
  }
}
