import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CsrfGuard } from './csrf.guard';
import { PageAccessGuard } from './page-access.guard';
import { WebErrorFilter } from './web-error.filter';
import { WebRenderer } from './web-renderer.service';

/** What every page module needs: the renderer, the page guards and the error page. */
@Module({
  imports: [AuthModule],
  providers: [WebRenderer, CsrfGuard, PageAccessGuard, WebErrorFilter],
  exports: [WebRenderer, CsrfGuard, PageAccessGuard, WebErrorFilter, AuthModule],
})
export class WebCoreModule {}
