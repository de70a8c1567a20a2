import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { Problem } from '../platform/http/problem';
import { ProblemDetailsFilter } from '../platform/http/problem-details.filter';
import { LoginRequired } from './web-redirects';
import { WebPageError } from './web-page-error';

const PAGE_REFUSALS: Record<WebPageError['key'], string> = {
  csrf: 'The page is out of date (its form token no longer matches): reload it and try again',
  notFound: 'Not found',
  linkInvalid: 'The link is no longer valid',
  forbidden: 'You may not change this',
  tooLarge: 'The request is too large',
  generic: 'The request was refused',
};

/**
 * Errors of the JSON routes a page's script calls answer problem+json as the
 * API does, the page guards' refusals included: a script reads the status and
 * detail, where an error page or a redirect to the login form would mean nothing to it.
 */
@Catch()
export class ScriptedPageErrorFilter extends ProblemDetailsFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof LoginRequired) {
      return super.catch(Problem.unauthorized('Your login has ended: log in again in another tab, then retry'), host);
    }
    if (exception instanceof WebPageError) {
      return super.catch(new Problem(exception.status as HttpStatus, exception.detail ?? PAGE_REFUSALS[exception.key]), host);
    }
    super.catch(exception, host);
  }
}
