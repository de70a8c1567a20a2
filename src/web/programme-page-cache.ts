import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ByteLru } from '../agenda/byte-lru';

export interface CachedPage {
  body: Buffer;
  /** Strong validator: a hash of the bytes, the same in every process that renders them. */
  etag: string;
}

const MAX_ENTRIES = 500;
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Public programme pages rendered once per published version (the export's
 * ETag is part of every key) and served from memory, like the JSON exports.
 * Concurrent misses for one key share a single rendering.
 */
@Injectable()
export class ProgrammePageCache {
  private readonly pages = new ByteLru<CachedPage>(MAX_ENTRIES, MAX_BYTES);
  private readonly rendering = new Map<string, Promise<CachedPage>>();

  /** The key of everything a page shows: pass each input that changes its bytes. */
  static key(parts: unknown[]): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
  }

  async get(key: string, render: () => Promise<string>): Promise<CachedPage> {
    const hit = this.pages.get(key);
    if (hit) return hit;
    let pending = this.rendering.get(key);
    if (!pending) {
      pending = render()
        .then((html) => {
          const body = Buffer.from(html, 'utf8');
          const page = { body, etag: `"p-${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
          this.pages.set(key, page, body.length);
          return page;
        })
        .finally(() => this.rendering.delete(key));
      this.rendering.set(key, pending);
    }
    return pending;
  }
}
