import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PostgresRateLimitStore } from './postgres-rate-limit-store';
import { RATE_LIMIT_STORE, RateLimitStore } from './rate-limit-store';
import { RateLimitWindowsRepository } from './rate-limit-windows.repository';
import { RedisRateLimitStore } from './redis-rate-limit-store';

/** The public rate limit's shared counters, for every module that guards a route with it. */
@Global()
@Module({
  providers: [
    RateLimitWindowsRepository,
    {
      provide: RATE_LIMIT_STORE,
      inject: [APP_CONFIG, RateLimitWindowsRepository],
      useFactory: (config: AppConfig, windows: RateLimitWindowsRepository): RateLimitStore =>
        config.queue.redis ? new RedisRateLimitStore(config.queue.redis, config.queue.prefix) : new PostgresRateLimitStore(windows),
    },
  ],
  exports: [RATE_LIMIT_STORE],
})
export class RateLimitModule implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
