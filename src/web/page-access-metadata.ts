import { SetMetadata } from '@nestjs/common';

/** The metadata key PageAccessGuard reads; apart from WebPages so the guard need not import what imports it. */
export const PAGE_ACCESS = 'plenary:page-access';

/**
 * Who may open a page: anyone; a logged-in organiser (session cookie); or the
 * holder of an emailed link of that kind (token in the URL once, then a cookie).
 */
export type PageAccess = 'public' | 'organiser' | 'registration' | 'presenter';

/** Overrides the controller's access for one route (e.g. a public login form on an organiser controller). */
export const PageAccessFor = (access: PageAccess) => SetMetadata(PAGE_ACCESS, access);
