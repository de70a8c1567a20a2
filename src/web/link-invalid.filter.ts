import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Type } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WebErrorFilter, describePageError } from './web-error.filter';
import { WebRenderer } from './web-renderer.service';

/**
 * For pages opened by an emailed link: someone whose link no longer works
 * gets the way to a fresh one (`newLink`, its button labelled by the area's
 * `<area>.newLink.action`) on the same page; every other error is the usual
 * error page.
 */
export function LinkInvalidFilter(area: 'attendee' | 'presenter', newLink: string): Type<ExceptionFilter> {
  @Catch()
  @Injectable()
  class AreaLinkInvalidFilter implements ExceptionFilter {
    private readonly fallback: WebErrorFilter;

    constructor(private readonly renderer: WebRenderer) {
      this.fallback = new WebErrorFilter(renderer);
    }

    catch(exception: unknown, host: ArgumentsHost): void {
      const { key, status } = describePageError(exception);
      if (key !== 'linkInvalid') return this.fallback.catch(exception, host);
      const req = host.switchToHttp().getRequest<Request>();
      const res = host.switchToHttp().getResponse<Response>();
      this.renderer.page(
        req,
        res,
        'link-invalid',
        { message: this.renderer.t(req, 'errors.linkInvalid'), newLink, action: this.renderer.t(req, `${area}.newLink.action`) },
        { title: this.renderer.t(req, `${area}.linkInvalid.title`), status, private: true },
      );
    }
  }
  return AreaLinkInvalidFilter;
}
