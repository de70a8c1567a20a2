import { CanActivate, ExecutionContext, Inject, Injectable, Logger, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Problem } from './problem';
import { RATE_LIMIT_STORE, RateLimitStore } from './rate-limit-store';

export const RATE_LIMITED = 'plenary:rate-limited';

/** Marks a public write or login as limited to RATE_LIMIT_PER_MINUTE per client address. */
export const RateLimited = () => SetMetadata(RATE_LIMITED, true);

const WINDOW_MS = 60_000;
/** Longest a request waits for its count before it passes uncounted. */
const STORE_TIMEOUT_MS = 1000;

/**
 * A fixed one-minute window per client address and route, counted in a store
 * every api process shares, so a fleet behind a load balancer allows the limit
 * once, not once per process. The address is Express's `request.ip`, which
 * follows X-Forwarded-For as far as TRUST_PROXY allows.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger(RateLimitGuard.name);
  private lastFailureLoggedAt = 0;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limit = this.config.http.rateLimitPerMinute;
    if (limit === 0) return true;
    if (!this.reflector.getAllAndOverride<boolean>(RATE_LIMITED, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request>();
    // Organisers entering data are logged in and accountable; the limit is for anonymous writes.
    if (request.principal?.kind === 'organiser') return true;
    const window = await this.count(`${request.ip}:${request.route?.path ?? request.path}`);
    if (window && window.hits > limit) {
      const retryAfter = Math.max(1, Math.ceil(window.resetsInMs / 1000));
      context.switchToHttp().getResponse().setHeader('Retry-After', String(retryAfter));
      throw Problem.tooManyRequests(`Too many requests from this address; try again in ${retryAfter} s`);
    }
    return true;
  }

  /** A store that cannot count lets the request through: the limit bounds abuse, it must not take the site down. */
  private async count(key: string) {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.store.hit(key, WINDOW_MS),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      if (Date.now() - this.lastFailureLoggedAt >= WINDOW_MS) {
        this.lastFailureLoggedAt = Date.now();
        this.logger.warn({ err: error }, 'rate limit not counted: its store did not answer; requests pass unlimited meanwhile');
      }
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
