import { DataSource } from 'typeorm';
import { RateLimitStore, RateLimitWindow } from './rate-limit-store';

const PRUNE_EVERY_MS = 60_000;

/** Fixed windows counted in `rate_limit_windows`, one upsert per hit. */
export class PostgresRateLimitStore implements RateLimitStore {
  private prunedAt = Date.now();

  constructor(private readonly db: DataSource) {}

  async hit(key: string, windowMs: number): Promise<RateLimitWindow> {
    const [row] = await this.db.query<Array<{ hits: number; resets_in_ms: number }>>(
      `INSERT INTO rate_limit_windows (key, window_ends_at, hits)
       VALUES ($1, now() + $2 * interval '1 millisecond', 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit_windows.window_ends_at <= now() THEN 1 ELSE rate_limit_windows.hits + 1 END,
         window_ends_at = CASE WHEN rate_limit_windows.window_ends_at <= now() THEN EXCLUDED.window_ends_at
                               ELSE rate_limit_windows.window_ends_at END
       RETURNING hits, ceil(extract(epoch FROM window_ends_at - now()) * 1000)::int AS resets_in_ms`,
      [key, windowMs],
    );
    await this.pruneNowAndThen();
    return { hits: row.hits, resetsInMs: row.resets_in_ms };
  }

  async close(): Promise<void> {}

  /** Windows of addresses that stopped calling would otherwise stay for ever. */
  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = Date.now();
    await this.db.query(`DELETE FROM rate_limit_windows WHERE window_ends_at < now()`);
  }
}
