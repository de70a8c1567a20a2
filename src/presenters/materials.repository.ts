import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { sql } from '../platform/database/sql';
import { PresentationMaterial } from './presentation-material.entity';

/** What a new version's row is made of; its number and upload time come from the insert. */
export type NewMaterialRow = Pick<
  PresentationMaterial,
  | 'id'
  | 'presentationId'
  | 'eventId'
  | 'storageKey'
  | 'fileName'
  | 'kind'
  | 'contentType'
  | 'sizeBytes'
  | 'sha256'
  | 'uploadedBy'
  | 'uploadedByPersonId'
  | 'uploadedByOrganiserId'
  | 'uploaderName'
>;

/** The `presentation_materials` table's SQL: only this module's services use it. */
@Injectable()
export class MaterialsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The materials of these presentations, newest version first. */
  ofPresentations(eventId: string, presentationIds: string[]): Promise<PresentationMaterial[]> {
    return this.db.getRepository(PresentationMaterial).find({
      where: { eventId, presentationId: In(presentationIds) },
      order: { version: 'DESC' },
    });
  }

  /**
   * Inserts the row with the next version number of its presentation, in one
   * statement; a concurrent upload to the same presentation fails on the
   * unique (presentation, version) index, for the caller to try again.
   */
  async insertNextVersion(values: NewMaterialRow): Promise<{ version: number; uploadedAt: Date }> {
    const { rows } = await sql<{ version: number; uploaded_at: Date }>(
      this.db.manager,
      `INSERT INTO presentation_materials (id, presentation_id, event_id, version, storage_key, file_name, kind, content_type, size_bytes,
                                           sha256, uploaded_by, uploaded_by_person_id, uploaded_by_organiser_id, uploader_name)
       SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
         FROM presentation_materials WHERE presentation_id = $2
       RETURNING version, uploaded_at`,
      [
        values.id,
        values.presentationId,
        values.eventId,
        values.storageKey,
        values.fileName,
        values.kind,
        values.contentType,
        values.sizeBytes,
        values.sha256,
        values.uploadedBy,
        values.uploadedByPersonId,
        values.uploadedByOrganiserId,
        values.uploaderName,
      ],
    );
    return { version: rows[0].version, uploadedAt: rows[0].uploaded_at };
  }

  /** An entity of a row just inserted, without reading it back. */
  entity(values: Partial<PresentationMaterial>): PresentationMaterial {
    return this.db.getRepository(PresentationMaterial).create(values);
  }

  /** Presentations of the event with at least one material. */
  async presentationIdsWithMaterials(eventId: string): Promise<string[]> {
    const { rows } = await sql<{ presentation_id: string }>(
      this.db.manager,
      `SELECT DISTINCT presentation_id FROM presentation_materials WHERE event_id = $1`,
      [eventId],
    );
    return rows.map((r) => r.presentation_id);
  }

  /** The current (highest) version number of the presentation's materials. */
  async currentVersion(presentationId: string): Promise<number> {
    const { rows } = await sql<{ current: number }>(
      this.db.manager,
      `SELECT max(version) AS current FROM presentation_materials WHERE presentation_id = $1`,
      [presentationId],
    );
    return rows[0].current;
  }

  find(eventId: string, presentationId: string, materialId: string): Promise<PresentationMaterial | null> {
    return this.db.getRepository(PresentationMaterial).findOne({ where: { id: materialId, eventId, presentationId } });
  }

  save(material: PresentationMaterial): Promise<PresentationMaterial> {
    return this.db.getRepository(PresentationMaterial).save(material);
  }

  /** The event's public materials, by presentation, newest version first. */
  publicOfEvent(eventId: string): Promise<PresentationMaterial[]> {
    return this.db
      .getRepository(PresentationMaterial)
      .find({ where: { eventId, isPublic: true }, order: { presentationId: 'ASC', version: 'DESC' } });
  }

  findPublic(materialId: string): Promise<PresentationMaterial | null> {
    return this.db.getRepository(PresentationMaterial).findOne({ where: { id: materialId, isPublic: true } });
  }
}
