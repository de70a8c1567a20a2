import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RateLimitWindow } from './rate-limit-store';

/** The `rate_limit_windows` table: the Postgres backend's fixed windows, one row a key. */
@Injectable()
export class RateLimitWindowsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Counts a hit in one upsert, starting a new window when the key's has ended. */
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
    return { hits: row.hits, resetsInMs: row.resets_in_ms };
  }

  async deleteEnded(): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit_windows WHERE window_ends_at < now()`);
  }
}
