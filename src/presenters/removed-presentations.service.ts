import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '../platform/domain-events/domain-event-bus';
import { FormerPresenterLinksService } from './former-presenter-links.service';
import { OrphanedMaterialFilesService } from './orphaned-material-files.service';
import '../agenda/agenda-domain-events';

/**
 * What a removed presentation leaves to the presenters module: its stored
 * files and the links of presenters who now present nothing. Its rows went
 * with it in the agenda's transaction (foreign keys cascade). Done on
 * `presentation.removed`, and re-checked by the maintenance sweep, so a missed
 * event heals itself.
 */
@Injectable()
export class RemovedPresentationsService implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly files: OrphanedMaterialFilesService,
    private readonly links: FormerPresenterLinksService,
  ) {}

  onModuleInit(): void {
    this.bus.on('presentation.removed', async ({ eventId, presentationId }) => {
      // Access first: a failure below must not leave a link open.
      await this.links.revokeInEvent(eventId);
      await this.files.removePresentation(eventId, presentationId);
    });
  }

  async sweep(): Promise<{ removedFiles: number; revokedPresenters: number }> {
    return { ...(await this.links.sweep()), ...(await this.files.sweep()) };
  }
}
