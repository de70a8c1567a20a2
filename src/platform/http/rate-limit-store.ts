/** Hits of one client address on one route within the current window. */
export interface RateLimitWindow {
  hits: number;
  /** Milliseconds until the window closes and counting starts again. */
  resetsInMs: number;
}

/**
 * Where the public rate limit counts, shared by every api process: Redis when
 * the queue runs there, else Postgres (the embedded runtime included).
 */
export interface RateLimitStore {
  /** Counts one hit and answers the window's count so far. */
  hit(key: string, windowMs: number): Promise<RateLimitWindow>;
  close(): Promise<void>;
}

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
