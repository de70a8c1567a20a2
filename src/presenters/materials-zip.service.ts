import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { PresentationsService } from '../agenda/presentations.service';
import { SessionsService } from '../agenda/sessions.service';
import { FILE_STORAGE, FileStorage } from '../platform/storage/file-storage';
import { sanitiseFileName } from './material-file-name';
import { MaterialsService } from './materials.service';

export interface MaterialsZipEntry {
  /** `<session>/<presentation>/<file>`, each segment a safe file name. */
  path: string;
  storageKey: string;
  sizeBytes: number;
  uploadedAt: Date;
}

export interface MaterialsZipPlan {
  entries: MaterialsZipEntry[];
  /** The bytes of the files, which the archive holds as they are (plus a few hundred bytes of headers each). */
  totalBytes: number;
}

/** The folder of presentations in no session. */
const UNSCHEDULED = 'Unscheduled';

/**
 * Every presentation's current material as one zip, for organisers: a folder
 * per session (its local start and title, in time order), in it a folder per
 * presentation (its place in the session and title), in it the file. Files are
 * read from storage one at a time as the archive is sent, and stored without
 * recompressing: every accepted kind (PDF streams, office packages, images,
 * video, archives) is compressed already, so deflating again costs CPU and
 * saves next to nothing; memory stays one chunk, whatever the total.
 */
@Injectable()
export class MaterialsZipService {
  private readonly logger = new Logger(MaterialsZipService.name);

  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly presentations: PresentationsService,
    private readonly sessions: SessionsService,
    private readonly materials: MaterialsService,
  ) {}

  async plan(eventId: string): Promise<MaterialsZipPlan> {
    const [{ items: presentations }, { items: sessions }] = await Promise.all([
      this.presentations.list(eventId),
      this.sessions.list(eventId),
    ]);
    const versions = await this.materials.versions(
      eventId,
      presentations.map((p) => p.id),
    );
    const order = new Map(sessions.map((s, i) => [s.id, i]));
    const sessionFolder = new Map(
      sessions.map((s) => [s.id, segment(`${s.startsAt.slice(0, 10)} ${s.startsAt.slice(11, 16).replace(':', '')} ${s.title}`)]),
    );
    const placed = [...presentations].sort(
      (a, b) =>
        (a.sessionId ? (order.get(a.sessionId) ?? Infinity) : Infinity) - (b.sessionId ? (order.get(b.sessionId) ?? Infinity) : Infinity) ||
        (a.position ?? Infinity) - (b.position ?? Infinity) ||
        a.title.localeCompare(b.title),
    );
    const taken = new Set<string>();
    const entries: MaterialsZipEntry[] = [];
    for (const [index, presentation] of placed.entries()) {
      const current = versions.get(presentation.id)?.[0];
      if (!current) continue;
      const folder = (presentation.sessionId && sessionFolder.get(presentation.sessionId)) || UNSCHEDULED;
      const number = String(presentation.position ?? index + 1).padStart(2, '0');
      const path = unique(`${folder}/${segment(`${number} ${presentation.title}`)}/${sanitiseFileName(current.fileName)}`, taken);
      entries.push({ path, storageKey: current.storageKey, sizeBytes: current.sizeBytes, uploadedAt: current.uploadedAt });
    }
    return { entries, totalBytes: entries.reduce((sum, e) => sum + e.sizeBytes, 0) };
  }

  /**
   * The archive as a stream, and its exact length (every entry is stored with
   * its size known, so yazl can tell before the first byte). Each file is
   * opened only when its turn comes.
   */
  stream(plan: MaterialsZipPlan): { body: Readable; length: number | null } {
    const zip = new ZipFile();
    // A file that cannot be read ends the download as failed (cut short), never the process.
    zip.on('error', (error: Error) => (zip.outputStream as Readable).destroy(error));
    for (const entry of plan.entries) {
      zip.addReadStreamLazy(entry.path, { compress: false, size: entry.sizeBytes, mtime: entry.uploadedAt }, (done) => {
        this.storage.read(entry.storageKey).then(
          (stream) => done(null, stream),
          (error: unknown) => {
            this.logger.error(`Materials zip: ${entry.storageKey} (${entry.path}) cannot be read: ${String(error)}`);
            done(error, undefined as unknown as NodeJS.ReadableStream);
          },
        );
      });
    }
    let length: number | null = null;
    (zip.end as (options: undefined, sized: (total: number) => void) => void).call(zip, undefined, (total) => {
      length = total >= 0 ? total : null;
    });
    return { body: zip.outputStream as Readable, length };
  }
}

/** One path segment: no separators, nothing a file system or unzip tool reads as a path. */
function segment(text: string): string {
  return sanitiseFileName(text.replace(/[/\\]/g, '-').replace(/:/g, ' -'));
}

/** Two presentations of one title in one session would collide; the later gets " (2)". */
function unique(path: string, taken: Set<string>): string {
  let candidate = path;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) {
    const dot = path.lastIndexOf('.');
    candidate = dot > path.lastIndexOf('/') ? `${path.slice(0, dot)} (${n})${path.slice(dot)}` : `${path} (${n})`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}
