/** Raised when `withTimeout` gives up; the work itself may still finish later. */
export class TimeoutError extends Error {
  constructor(
    what: string,
    readonly timeoutMs: number,
  ) {
    super(`${what}: no answer within ${timeoutMs} ms`);
  }
}

/**
 * Settles with `work` or rejects with a TimeoutError after `timeoutMs`,
 * whichever comes first. For calls to a service that may be down, so the
 * caller is never held for longer than it can afford.
 */
export async function withTimeout<T>(what: string, timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(what, timeoutMs)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
