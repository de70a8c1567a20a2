import { SetMetadata, UseFilters, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../platform/http/route-access';
import { CsrfGuard } from './csrf.guard';
import { PAGE_ACCESS, PageAccess } from './page-access-metadata';
import { PageAccessGuard } from './page-access.guard';
import { WebErrorFilter } from './web-error.filter';

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
