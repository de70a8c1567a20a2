import { MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { CertificatesModule } from '../../certificates/certificates.module';
import { EventsModule } from '../../events/events.module';
import { PresentersModule } from '../../presenters/presenters.module';
import { applyPageMiddleware } from '../page-middleware';
import { WebCoreModule } from '../web-core.module';
import { MultipartCsrfMiddleware } from './multipart-csrf.middleware';
import { PresenterMaterialsPageController } from './presenter-materials-page.controller';
import { PresenterNewLinkPageController } from './presenter-new-link-page.controller';
import { PresenterPortalPage } from './presenter-portal-page';
import { PresenterPortalPageController } from './presenter-portal-page.controller';

const CONTROLLERS: Type[] = [PresenterNewLinkPageController, PresenterPortalPageController, PresenterMaterialsPageController];

/** The presenter portal reached from the invitation link. */
@Module({
  imports: [WebCoreModule, EventsModule, PresentersModule, CertificatesModule],
  controllers: CONTROLLERS,
  providers: [PresenterPortalPage],
})
export class PresenterPagesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    applyPageMiddleware(consumer, CONTROLLERS);
    consumer.apply(MultipartCsrfMiddleware).forRoutes(PresenterMaterialsPageController);
  }
}
