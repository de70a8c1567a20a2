import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WebErrorFilter } from '../web-error.filter';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';

/**
 * An attendee whose link no longer works gets the way to a fresh one on the
 * same page; every other error is the usual error page.
 */
@Catch()
@Injectable()
export class AttendeeLinkInvalidFilter implements ExceptionFilter {
  private readonly fallback: WebErrorFilter;

  constructor(private readonly renderer: WebRenderer) {
    this.fallback = new WebErrorFilter(renderer);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (!(exception instanceof WebPageError && exception.key === 'linkInvalid')) return this.fallback.catch(exception, host);
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    this.renderer.page(
      req,
      res,
      'attendee/link-invalid',
      { message: this.renderer.t(req, 'errors.linkInvalid'), newLink: '/my-registration/new-link' },
      { title: this.renderer.t(req, 'attendee.linkInvalid.title'), status: exception.status, private: true },
    );
  }
}
