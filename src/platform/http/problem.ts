import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error answered as application/problem+json. `detail` says what went wrong
 * in terms the caller can act on; `errors` names the offending fields.
 */
export class Problem extends HttpException {
  constructor(
    status: HttpStatus,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail, status);
  }

  static badRequest(detail: string, errors?: FieldError[]): Problem {
    return new Problem(HttpStatus.BAD_REQUEST, detail, errors);
  }

  static notFound(detail: string): Problem {
    return new Problem(HttpStatus.NOT_FOUND, detail);
  }

  static forbidden(detail: string): Problem {
    return new Problem(HttpStatus.FORBIDDEN, detail);
  }

  static unauthorized(detail: string): Problem {
    return new Problem(HttpStatus.UNAUTHORIZED, detail);
  }

  static conflict(detail: string, extra?: Record<string, unknown>): Problem {
    return new Problem(HttpStatus.CONFLICT, detail, undefined, extra);
  }

  static preconditionFailed(detail: string, extra?: Record<string, unknown>): Problem {
    return new Problem(HttpStatus.PRECONDITION_FAILED, detail, undefined, extra);
  }

  static unprocessable(detail: string, errors?: FieldError[]): Problem {
    return new Problem(HttpStatus.UNPROCESSABLE_ENTITY, detail, errors);
  }

  static tooManyRequests(detail: string): Problem {
    return new Problem(HttpStatus.TOO_MANY_REQUESTS, detail);
  }
}
