import { Inject, Injectable, Logger } from '@nestjs/common';
import { PresentationsService } from '../agenda/presentations.service';
import { FILE_STORAGE, FileStorage, StoredFileEntry } from '../platform/storage/file-storage';
import { parseMaterialStorageKey, presentationStoragePrefix } from './material-storage-keys';

/**
 * A stored file whose presentation is gone is left alone this long after it was
 * written, so the sweep never races an upload that is still finishing.
 */
export const ORPHANED_FILE_GRACE_MS = 60 * 60_000;

interface StoredPresentation {
  presentationId: string;
  files: StoredFileEntry[];
}

/** Stored material files of presentations that no longer exist. */
@Injectable()
export class OrphanedMaterialFilesService {
  private readonly logger = new Logger(OrphanedMaterialFilesService.name);

  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly presentations: PresentationsService,
  ) {}

  /** Every file of a presentation that was removed, whatever its age: the removal is known. */
  async removePresentation(eventId: string, presentationId: string): Promise<void> {
    await this.storage.deleteAll(presentationStoragePrefix(eventId, presentationId));
  }

  /**
   * Files left by removals whose event this process never saw (it was down, or
   * the listener failed), once they are past the grace period.
   */
  async sweep(): Promise<{ removedFiles: number }> {
    const stored = new Map<string, StoredPresentation>();
    for await (const entry of this.storage.list()) {
      const ids = parseMaterialStorageKey(entry.key);
      if (!ids) continue;
      const prefix = presentationStoragePrefix(ids.eventId, ids.presentationId);
      const group = stored.get(prefix) ?? { presentationId: ids.presentationId, files: [] };
      group.files.push(entry);
      stored.set(prefix, group);
    }
    const existing = await this.presentations.existing([...new Set([...stored.values()].map((g) => g.presentationId))]);
    const writtenBefore = Date.now() - ORPHANED_FILE_GRACE_MS;
    let removedFiles = 0;
    for (const [prefix, { presentationId, files }] of stored) {
      if (existing.has(presentationId)) continue;
      const old = files.filter((file) => file.modifiedAt.getTime() < writtenBefore);
      if (old.length === files.length) {
        await this.storage.deleteAll(prefix);
      } else {
        for (const file of old) await this.storage.delete(file.key);
      }
      removedFiles += old.length;
    }
    if (removedFiles > 0) this.logger.warn(`removed ${removedFiles} stored material file(s) of presentations that no longer exist`);
    return { removedFiles };
  }
}
