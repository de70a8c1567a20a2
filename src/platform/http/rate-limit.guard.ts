import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Problem } from './problem';

export const RATE_LIMITED = 'plenary:rate-limited';

/** Marks a public write or login as limited to RATE_LIMIT_PER_MINUTE per client address. */
export const RateLimited = () => SetMetadata(RATE_LIMITED, true);

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window per client address, kept in process memory: each
 * api process limits on its own, which bounds abuse without a shared store.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly hits = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const limit = this.config.http.rateLimitPerMinute;
    if (limit === 0) return true;
    if (!this.reflector.getAllAndOverride<boolean>(RATE_LIMITED, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request>();
    // Organisers entering data are logged in and accountable; the limit is for anonymous writes.
    if (request.principal?.kind === 'organiser') return true;
    const key = `${request.ip}:${request.route?.path ?? request.path}`;
    const now = Date.now();
    const entry = this.hits.get(key);
    if (!entry || now - entry.windowStart >= WINDOW_MS) {
      this.prune(now);
      this.hits.set(key, { windowStart: now, count: 1 });
      return true;
    }
    entry.count += 1;
    if (entry.count > limit) {
      const retryAfter = Math.ceil((entry.windowStart + WINDOW_MS - now) / 1000);
      context.switchToHttp().getResponse().setHeader('Retry-After', String(retryAfter));
      throw Problem.tooManyRequests(`Too many requests from this address; try again in ${retryAfter} s`);
    }
    return true;
  }

  private prune(now: number): void {
    if (this.hits.size < 10_000) return;
    for (const [key, entry] of this.hits) if (now - entry.windowStart >= WINDOW_MS) this.hits.delete(key);
  }
}
