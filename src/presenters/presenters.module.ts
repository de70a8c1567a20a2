import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaModule } from '../agenda/agenda.module';
import { AuditModule } from '../audit/audit.module';
import { EventsModule } from '../events/events.module';
import { PeopleModule } from '../people/people.module';
import { StorageModule } from '../platform/storage/storage.module';
import { BulkInvitationsService } from './bulk-invitations.service';
import { MaterialsZipService } from './materials-zip.service';
import { FormerPresenterLinksService } from './former-presenter-links.service';
import { MaterialsOverviewController } from './materials-overview.controller';
import { MaterialsOverviewService } from './materials-overview.service';
import { MaterialsRepository } from './materials.repository';
import { MaterialsService } from './materials.service';
import { OrphanedMaterialFilesService } from './orphaned-material-files.service';
import { OrganiserMaterialsController } from './organiser-materials.controller';
import { PresentationEventGuard } from './presentation-event.guard';
import { PresentationMaterial } from './presentation-material.entity';
import { PresenterInvitation } from './presenter-invitation.entity';
import { PresenterInvitationsController } from './presenter-invitations.controller';
import { PresenterInvitationsRepository } from './presenter-invitations.repository';
import { PresenterInvitationsService } from './presenter-invitations.service';
import { PresenterMaterialsController } from './presenter-materials.controller';
import { PresenterPortalController } from './presenter-portal.controller';
import { PresenterPortalService } from './presenter-portal.service';
import { PresenterLinksController } from './presenter-links.controller';
import { PresenterLinksService } from './presenter-links.service';
import { PublicMaterialsController } from './public-materials.controller';
import { RemovedPresentationsService } from './removed-presentations.service';
import { SweepRemovedPresentationsProcessor } from './sweep-removed-presentations.processor';

/** Invitations, the presenter portal and materials (design.md: events ← people ← agenda ← presenters). */
@Module({
  imports: [
    TypeOrmModule.forFeature([PresenterInvitation, PresentationMaterial]),
    EventsModule,
    AuditModule,
    PeopleModule,
    AgendaModule,
    StorageModule,
  ],
  controllers: [
    PresenterInvitationsController,
    PresenterPortalController,
    PresenterMaterialsController,
    OrganiserMaterialsController,
    MaterialsOverviewController,
    PublicMaterialsController,
    PresenterLinksController,
  ],
  providers: [
    PresenterInvitationsService,
    PresenterPortalService,
    MaterialsService,
    MaterialsOverviewService,
    PresentationEventGuard,
    OrphanedMaterialFilesService,
    FormerPresenterLinksService,
    RemovedPresentationsService,
    SweepRemovedPresentationsProcessor,
    PresenterLinksService,
    BulkInvitationsService,
    MaterialsZipService,
    PresenterInvitationsRepository,
    MaterialsRepository,
  ],
  exports: [
    BulkInvitationsService,
    MaterialsZipService,
    MaterialsService,
    MaterialsOverviewService,
    PresenterInvitationsService,
    PresenterPortalService,
    PresenterLinksService,
  ],
})
export class PresentersModule {}
