import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { EventsService } from '../events/events.service';
import { PeopleService } from '../people/people.service';
import { Problem } from '../platform/http/problem';
import { AgendaExportSource, EXPORTED_EVENT_FIELDS, ExportedEvent, SnapshotIndex } from './agenda-export-source';
import { AgendaVersion } from './agenda-version.entity';
import { AgendaVersionsRepository } from './agenda-versions.repository';
import { ByteLru } from './byte-lru';
import { buildFrabSchedule } from './frab-schedule';
import { buildFrabScheduleXml } from './frab-schedule-xml';
import { MailLanguage } from '../platform/mail/mail-language';
import { buildAgendaExcerptIcs, buildAgendaIcs } from './agenda-ics';
import { buildPublicAgenda } from './public-agenda-document';

export type AgendaDocumentKind = 'json' | 'ics' | 'frab' | 'frabXml';

export interface ExportedDocument {
  body: Buffer;
  /** The same bytes gzipped once, when built: a big agenda read often is not compressed again on every read. */
  gzipped: Buffer;
  /** Strong validator: a hash of the bytes, the same in every process that builds them. */
  etag: string;
  contentType: string;
  /** Suggested file name (Content-Disposition), for downloads. */
  filename?: string;
}

type DocumentSet = Record<AgendaDocumentKind, ExportedDocument>;

interface LatestVersion {
  id: string;
  /** When a biography of the event last changed (ISO), or null: part of the cache key. */
  biographiesAt: string | null;
}

/** Bumped whenever the builders' output changes, so no cache key outlives a format change. */
const FORMAT = 4;
const MAX_ENTRIES = 200;
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * The public agenda documents (JSON, iCalendar, frab schedule JSON and XML) of an event's
 * latest published version. Each request costs two small indexed reads (the
 * event row and the latest version's id); the documents themselves are built
 * once per (version, exported event fields) and served from memory.
 */
@Injectable()
export class AgendaExportsService {
  private readonly cache = new ByteLru<DocumentSet>(MAX_ENTRIES, MAX_BYTES);
  private readonly building = new Map<string, Promise<DocumentSet>>();

  constructor(
    private readonly versions: AgendaVersionsRepository,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The document, or 404 unless the event is published (or cancelled after
   * publication) and has at least one agenda version. A draft event and a
   * missing one answer alike.
   */
  async document(eventId: string, kind: AgendaDocumentKind): Promise<ExportedDocument> {
    const [event, latest] = await Promise.all([
      this.events.getEntity(eventId).catch((error: unknown) => {
        if (error instanceof Problem && error.getStatus() === 404) return null;
        throw error;
      }),
      this.latestVersion(eventId),
    ]);
    if (!event || event.status === 'draft' || !latest) {
      throw Problem.notFound(`No published agenda for event ${eventId}`);
    }
    return this.fromCache(event, latest, kind);
  }

  /** The same for an event the caller has just read (a public page by slug): one query fewer per request. */
  async documentOf(event: ExportedEvent, kind: AgendaDocumentKind): Promise<ExportedDocument> {
    const latest = event.status === 'draft' ? null : await this.latestVersion(event.id);
    if (!latest) throw Problem.notFound(`No published agenda for event ${event.id}`);
    return this.fromCache(event, latest, kind);
  }

  private async fromCache(event: ExportedEvent, latest: LatestVersion, kind: AgendaDocumentKind): Promise<ExportedDocument> {
    const key = cacheKey(latest, event);
    const documents = this.cache.get(key) ?? (await this.buildOnce(key, event, latest.id));
    return documents[kind];
  }

  /**
   * A calendar of the event and some sessions of a published version, written
   * as agenda.ics writes them (for a presenter's reminder).
   */
  excerptCalendar(
    event: ExportedEvent,
    version: AgendaVersion | null,
    sessionIds: string[],
    stampedAt: Date,
    language: MailLanguage,
  ): string {
    return buildAgendaExcerptIcs(
      {
        event,
        version: version && exportedVersion(version),
        publicUrl: this.config.publicUrl,
      },
      sessionIds,
      stampedAt,
      language,
    );
  }

  /** The latest version and the last change of any biography in the event (an index probe), which the documents show. */
  private async latestVersion(eventId: string): Promise<LatestVersion | null> {
    const row = await this.versions.latestExportKey(eventId);
    return row ? { id: row.id, biographiesAt: row.biographiesAt ? new Date(row.biographiesAt).toISOString() : null } : null;
  }

  /** The biographies of the people a version names; erased people have none. */
  private async biographies(snapshot: AgendaVersion['snapshot'], eventId: string): Promise<Map<string, string>> {
    const ids = new Set<string>();
    for (const session of snapshot.sessions) {
      for (const chair of session.chairs) ids.add(chair.id);
      for (const presentation of session.presentations) for (const p of presentation.presenters) ids.add(p.id);
    }
    if (ids.size === 0) return new Map();
    const people = await this.people.byIds(eventId, [...ids]);
    return new Map(people.flatMap((p) => (p.biography === null ? [] : [[p.id, p.biography] as const])));
  }

  /** Concurrent misses for one key share a single build. */
  private buildOnce(key: string, event: ExportedEvent, versionId: string): Promise<DocumentSet> {
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.build(event, versionId)
        .then((documents) => {
          const size = Object.values(documents).reduce((sum, d) => sum + d.body.length + d.gzipped.length, 0);
          this.cache.set(key, documents, size);
          return documents;
        })
        .finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  private async build(event: ExportedEvent, versionId: string): Promise<DocumentSet> {
    const version = await this.versions.findById(versionId);
    const source: AgendaExportSource = {
      event,
      version: exportedVersion(version),
      publicUrl: this.config.publicUrl,
      biographies: await this.biographies(version.snapshot, event.id),
    };
    const index = new SnapshotIndex(version.snapshot);
    const frab = buildFrabSchedule(source, index);
    return {
      json: document(JSON.stringify(buildPublicAgenda(source, index)), 'application/json; charset=utf-8', version.number),
      ics: { ...document(buildAgendaIcs(source, index), 'text/calendar; charset=utf-8', version.number), filename: `${event.slug}.ics` },
      frab: document(JSON.stringify(frab), 'application/json; charset=utf-8', version.number),
      frabXml: document(buildFrabScheduleXml(frab), 'application/xml; charset=utf-8', version.number),
    };
  }
}

function exportedVersion(version: AgendaVersion): AgendaExportSource['version'] {
  return { id: version.id, number: version.number, note: version.note, publishedAt: version.publishedAt, snapshot: version.snapshot };
}

function document(text: string, contentType: string, versionNumber: number): ExportedDocument {
  const body = Buffer.from(text, 'utf8');
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { body, gzipped: gzipSync(body), contentType, etag: `"v${versionNumber}-${hash}"` };
}

/** The version and every event field the documents show: anything else may change without a rebuild. */
function cacheKey(latest: LatestVersion, event: ExportedEvent): string {
  const fields = EXPORTED_EVENT_FIELDS.map((name) => {
    const value = event[name];
    return value instanceof Date ? value.toISOString() : value;
  });
  return createHash('sha256')
    .update(JSON.stringify([FORMAT, latest.id, latest.biographiesAt, fields]))
    .digest('base64url');
}

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison; `*` matches any current representation. */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return value.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}
