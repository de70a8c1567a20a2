import { RateLimitStore, RateLimitWindow } from './rate-limit-store';
import { RateLimitWindowsRepository } from './rate-limit-windows.repository';

const PRUNE_EVERY_MS = 60_000;

/** Fixed windows counted in `rate_limit_windows`, one upsert per hit. */
export class PostgresRateLimitStore implements RateLimitStore {
  private prunedAt = Date.now();

  constructor(private readonly windows: RateLimitWindowsRepository) {}

  async hit(key: string, windowMs: number): Promise<RateLimitWindow> {
    const window = await this.windows.hit(key, windowMs);
    await this.pruneNowAndThen();
    return window;
  }

  async close(): Promise<void> {}

  /** Windows of addresses that stopped calling would otherwise stay for ever. */
  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = Date.now();
    await this.windows.deleteEnded();
  }
}
