import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * A multipart body streams straight into storage, so its `_csrf` field is
 * never parsed before the CSRF guard runs. The upload form that works without
 * script carries the value in its action's query instead; this hands it to
 * the guard where it looks for form fields. The scripted upload sends the header.
 */
@Injectable()
export class MultipartCsrfMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const sent = req.query._csrf;
    const body = req.body as Record<string, unknown> | undefined;
    if (req.is('multipart/form-data') && typeof sent === 'string' && body?._csrf === undefined) req.body = { ...body, _csrf: sent };
    next();
  }
}
