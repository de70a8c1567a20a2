import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { allowedMethods } from './allowed-methods';
import { Problem } from './problem';

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message: string;
}

/** Every error leaves as application/problem+json (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = this.toProblem(exception, request);
    if (body.status >= 500) {
      this.logger.error({ err: exception, path: request.originalUrl }, 'unhandled error');
    }
    if (response.headersSent) return;
    if (body.status === HttpStatus.METHOD_NOT_ALLOWED) response.setHeader('Allow', allowedMethods(request).join(', '));
    response.status(body.status).type('application/problem+json').json(body);
  }

  private toProblem(exception: unknown, request: Request): Record<string, unknown> & { status: number } {
    if (exception instanceof Problem) {
      return problem(exception.getStatus(), exception.detail, {
        ...(exception.errors ? { errors: exception.errors } : {}),
        ...exception.extra,
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (status === HttpStatus.NOT_FOUND && typeof response === 'object' && /^Cannot /.test(exception.message)) {
        return this.noRoute(request);
      }
      const detail =
        typeof response === 'object' && response && 'message' in response
          ? String((response as { message: unknown }).message)
          : exception.message;
      return problem(status, detail);
    }
    const parserError = exception as BodyParserError;
    if (parserError && typeof parserError.status === 'number' && parserError.expose) {
      const detail =
        parserError.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : parserError.type === 'entity.too.large'
            ? 'The request body is too large'
            : parserError.message;
      return problem(parserError.status, detail);
    }
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred; it has been logged');
  }

  /** A path some route serves under another method is 405 with `Allow`; any other is 404. */
  private noRoute(request: Request): Record<string, unknown> & { status: number } {
    const allowed = allowedMethods(request);
    if (allowed.length === 0) return problem(HttpStatus.NOT_FOUND, `No route for ${request.method} ${request.path}`);
    return problem(HttpStatus.METHOD_NOT_ALLOWED, `${request.path} does not take ${request.method}; it takes ${allowed.join(', ')}`);
  }
}

function problem(status: number, detail: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...extra,
  };
}
