import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Problem } from '../platform/http/problem';
import { RedirectTo } from './web-redirects';
import { WebPageError } from './web-page-error';
import { WebRenderer } from './web-renderer.service';

/** Errors on pages answer as pages in the visitor's language, with the same status the API would use. */
@Catch()
@Injectable()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(WebErrorFilter.name);

  constructor(private readonly renderer: WebRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (exception instanceof RedirectTo) {
      res.redirect(303, exception.location);
      return;
    }
    const { status, key, detail } = describePageError(exception);
    if (status >= 500) this.logger.error({ err: exception, path: req.path }, 'page failed');
    this.renderer.page(
      req,
      res,
      'error',
      { message: this.renderer.t(req, `errors.${key}`), detail, status },
      {
        title: this.renderer.t(req, 'errors.title'),
        status,
        private: true,
      },
    );
  }
}

/** The status and message an error shows on a page; a 401 from anywhere means the visitor's link no longer works. */
export function describePageError(exception: unknown): { status: number; key: WebPageError['key']; detail?: string } {
  if (exception instanceof WebPageError) return { status: exception.status, key: exception.key, detail: exception.detail };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const detail = exception instanceof Problem ? exception.detail : undefined;
    if (status === 404) return { status, key: 'notFound' };
    if (status === 401) return { status, key: 'linkInvalid' };
    if (status === 403) return { status, key: 'forbidden', detail };
    if (status === 413) return { status, key: 'tooLarge', detail };
    if (status < 500) return { status, key: 'generic', detail: detail ?? exception.message };
  }
  return { status: 500, key: 'generic' };
}
