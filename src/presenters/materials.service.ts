import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { PresentationsService } from '../agenda/presentations.service';
import { EventsService } from '../events/events.service';
import { Problem } from '../platform/http/problem';
import { FILE_STORAGE, FileStorage, StoredFileNotFoundError } from '../platform/storage/file-storage';
import { detectMaterialKind } from './detect-material-kind';
import { sanitiseFileName, withExtension } from './material-file-name';
import { MATERIAL_TYPES, MaterialKind, acceptedTypesText, disagreement } from './material-types';
import { materialView } from './material.view';
import { materialStorageKey } from './material-storage-keys';
import { MaterialsRepository } from './materials.repository';
import { ByteSource } from './zip-directory';
import { receiveUpload } from './multipart-upload';
import { PresentationMaterial } from './presentation-material.entity';

const MAX_VERSION_ATTEMPTS = 5;

export type Uploader =
  | { uploadedBy: 'presenter'; uploadedByPersonId: string; uploaderName: string }
  | { uploadedBy: 'organiser'; uploadedByOrganiserId: string; uploaderName: string };

type NewMaterial = Uploader &
  Pick<
    PresentationMaterial,
    'id' | 'presentationId' | 'eventId' | 'storageKey' | 'fileName' | 'kind' | 'contentType' | 'sizeBytes' | 'sha256'
  >;

/**
 * Versioned materials of presentations: each upload is a new version, the
 * highest is current. Bytes go to FileStorage; a row exists only for a file
 * that was stored whole and whose content is an accepted type agreeing with
 * its name and declared type.
 */
@Injectable()
export class MaterialsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly materials: MaterialsRepository,
    private readonly events: EventsService,
    private readonly presentations: PresentationsService,
  ) {}

  async upload(eventId: string, presentationId: string, uploader: Uploader, request: Request): Promise<PresentationMaterial> {
    const id = randomUUID();
    const storageKey = materialStorageKey(eventId, presentationId, id);
    const file = await receiveUpload(request, this.storage, storageKey, this.config.materials.maxBytes);
    try {
      const detection = await detectMaterialKind(this.byteSource(storageKey), file.size);
      if (detection.kind === null) {
        throw unsupported(`The file cannot be accepted: ${detection.reason}. Accepted are: ${acceptedTypesText()}`, null);
      }
      const kind: MaterialKind = detection.kind;
      const type = MATERIAL_TYPES[kind];
      const fileName = withExtension(sanitiseFileName(file.fileName), type.extensions[0]);
      const mismatch = disagreement(kind, fileName, file.declaredType);
      if (mismatch) throw unsupported(mismatch, kind);
      return await this.insertVersion({
        id,
        presentationId,
        eventId,
        storageKey,
        fileName,
        kind,
        contentType: type.contentType,
        sizeBytes: file.size,
        sha256: file.sha256,
        ...uploader,
      });
    } catch (error) {
      await this.storage.delete(storageKey);
      throw error;
    }
  }

  /** Every version of each presentation, newest first. */
  async versions(eventId: string, presentationIds: string[]): Promise<Map<string, PresentationMaterial[]>> {
    const byPresentation = new Map<string, PresentationMaterial[]>(presentationIds.map((id) => [id, []]));
    if (presentationIds.length === 0) return byPresentation;
    const rows = await this.materials.ofPresentations(eventId, presentationIds);
    for (const row of rows) byPresentation.get(row.presentationId)?.push(row);
    return byPresentation;
  }

  /**
   * Inserts the row with the next version number of its presentation, in one
   * statement; two uploads to one presentation at the same moment meet at the
   * unique (presentation, version) index, and the later takes the next number.
   */
  private async insertVersion(values: NewMaterial): Promise<PresentationMaterial> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const row = {
          ...values,
          uploadedByPersonId: values.uploadedBy === 'presenter' ? values.uploadedByPersonId : null,
          uploadedByOrganiserId: values.uploadedBy === 'organiser' ? values.uploadedByOrganiserId : null,
        };
        const inserted = await this.materials.insertNextVersion(row);
        return this.materials.entity({
          ...row,
          version: inserted.version,
          uploadedAt: inserted.uploadedAt,
          isPublic: false,
          madePublicAt: null,
        });
      } catch (error) {
        if (attempt < MAX_VERSION_ATTEMPTS && isVersionClash(error)) continue;
        if (violates(error, 'presentation_materials_presentation_id_fkey')) {
          throw Problem.notFound(`Presentation ${values.presentationId} was removed while its file was uploading`);
        }
        throw error;
      }
    }
  }

  /** Ids of the event's presentations with no material yet (for reminders to the presenters who owe some). */
  async presentationsWithoutMaterials(eventId: string): Promise<string[]> {
    const { items } = await this.presentations.list(eventId);
    const submitted = new Set(await this.materials.presentationIdsWithMaterials(eventId));
    return items.map((p) => p.id).filter((id) => !submitted.has(id));
  }

  /** A presentation's versions as the API shows them, newest (the current one) first. */
  async list(eventId: string, presentationId: string) {
    const event = await this.events.getEntity(eventId);
    const versions = (await this.versions(eventId, [presentationId])).get(presentationId) ?? [];
    return { items: versions.map((m) => materialView(m, event.timezone, versions[0].version)), nextCursor: null };
  }

  async view(material: PresentationMaterial) {
    const event = await this.events.getEntity(material.eventId);
    return materialView(material, event.timezone, await this.materials.currentVersion(material.presentationId));
  }

  async get(eventId: string, presentationId: string, materialId: string): Promise<PresentationMaterial> {
    const material = await this.materials.find(eventId, presentationId, materialId);
    if (!material) throw Problem.notFound(`No material ${materialId} on this presentation`);
    return material;
  }

  async open(material: PresentationMaterial): Promise<Readable> {
    try {
      return await this.storage.read(material.storageKey);
    } catch (error) {
      if (error instanceof StoredFileNotFoundError) throw Problem.notFound(`The file of material ${material.id} is no longer stored`);
      throw error;
    }
  }

  /** Organisers publish materials once the event is over; unpublishing is always possible. */
  async setPublic(eventId: string, presentationId: string, materialId: string, isPublic: boolean): Promise<PresentationMaterial> {
    const material = await this.get(eventId, presentationId, materialId);
    if (isPublic && !material.isPublic) {
      const event = await this.events.getEntity(eventId);
      if (event.status === 'cancelled') throw Problem.unprocessable('The event was cancelled; its materials cannot be made public');
      if (event.endsAt.getTime() > Date.now()) {
        throw Problem.unprocessable('Materials can be made public once the event is over', [
          { field: 'public', message: 'the event has not ended yet' },
        ]);
      }
    }
    material.isPublic = isPublic;
    material.madePublicAt = isPublic ? (material.madePublicAt ?? new Date()) : null;
    return this.materials.save(material);
  }

  /** The event's public materials, newest version first. */
  async publicMaterials(eventId: string): Promise<PresentationMaterial[]> {
    if (!(await this.showsPublicMaterials(eventId))) return [];
    return this.materials.publicOfEvent(eventId);
  }

  async publicMaterial(materialId: string): Promise<PresentationMaterial> {
    const material = await this.materials.findPublic(materialId);
    if (!material || !(await this.showsPublicMaterials(material.eventId))) throw Problem.notFound(`No public material ${materialId}`);
    return material;
  }

  /** A published event that is over; one moved to later dates hides its materials again until then. */
  private async showsPublicMaterials(eventId: string): Promise<boolean> {
    const event = await this.events.getEntity(eventId);
    return event.status === 'published' && event.endsAt.getTime() <= Date.now();
  }

  private byteSource(key: string): ByteSource {
    return (start, length) => this.storage.read(key, { start, end: start + length - 1 });
  }
}

function unsupported(detail: string, detectedType: MaterialKind | null): Problem {
  return new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail, undefined, { detectedType });
}

function isVersionClash(error: unknown): boolean {
  return violates(error, 'presentation_materials_presentation_version_key');
}

function violates(error: unknown, constraint: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }) : null;
  return driverError?.constraint === constraint;
}
