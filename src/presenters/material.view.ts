import { formatInZone } from '../platform/time/zoned-time';
import { PresentationMaterial } from './presentation-material.entity';
import { z } from 'zod';
import { materialResponse } from './presenter.response';

/** A material version as presenters and organisers see it; times with the event's offset. */
export function materialView(m: PresentationMaterial, timezone: string, currentVersion: number): z.output<typeof materialResponse> {
  return {
    id: m.id,
    presentationId: m.presentationId,
    version: m.version,
    current: m.version === currentVersion,
    fileName: m.fileName,
    type: m.kind,
    contentType: m.contentType,
    size: m.sizeBytes,
    sha256: m.sha256,
    uploadedBy: { kind: m.uploadedBy, name: m.uploaderName, personId: m.uploadedByPersonId },
    uploadedAt: formatInZone(m.uploadedAt, timezone),
    public: m.isPublic,
    madePublicAt: m.madePublicAt ? formatInZone(m.madePublicAt, timezone) : null,
  };
}

export type MaterialView = ReturnType<typeof materialView>;
