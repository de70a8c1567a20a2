import { SetMetadata, UseFilters, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { CsrfGuard } from './csrf.guard';
import { PageAccessGuard } from './page-access.guard';
import { WebErrorFilter } from './web-error.filter';

export const PAGE_ACCESS = 'plenary:page-access';

/**
 * Who may open a page: anyone; a logged-in organiser (session cookie); or the
 * holder of an emailed link of that kind (token in the URL once, then a cookie).
 */
export type PageAccess = 'public' | 'organiser' | 'registration' | 'presenter';

/**
 * Marks a controller as pages: the API's bearer guard steps aside (pages use
 * cookies), every unsafe request needs the CSRF value, errors render as pages,
 * and the routes stay out of the OpenAPI document.
 */
export const WebPages = (access: PageAccess) =>
  applyDecorators(
    Public(),
    SetMetadata(PAGE_ACCESS, access),
    UseGuards(CsrfGuard, PageAccessGuard),
    UseFilters(WebErrorFilter),
    ApiExcludeController(),
  );

/** Overrides the controller's access for one route (e.g. a public login form on an organiser controller). */
export const PageAccessFor = (access: PageAccess) => SetMetadata(PAGE_ACCESS, access);
