import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteRange, FileStorage, StoredFile, StoredFileEntry, StoredFileNotFoundError } from './file-storage';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
/** Written in large steps (several chunks per write), not 16 KiB at a time. */
const WRITE_BUFFER_BYTES = 1024 * 1024;
const FLUSH_EVERY_BYTES = 8 * 1024 * 1024;
/** Files being written; a dot-name no key can take, on the same filesystem so rename is atomic. */
const INCOMING = '.incoming';

/** FileStorage in a directory: each key a file under `root`. */
export class LocalDirectoryStorage implements FileStorage {
  private readonly incoming: string;

  constructor(private readonly root: string) {
    this.incoming = join(root, INCOMING);
  }

  async put(key: string, body: Readable): Promise<StoredFile> {
    const target = this.pathOf(key);
    await mkdir(this.incoming, { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    const temp = join(this.incoming, `${randomUUID()}.part`);
    const digest = createHash('sha256');
    let size = 0;
    // Opened before the pipeline runs, so the clean-up below never races a lazy open.
    const handle = await open(temp, 'wx');
    // The file is fsynced before it is named (flush: true), so a row that names
    // it never outlives its bytes. Flushing as the bytes arrive leaves that
    // last fsync only the tail to write; an error here resurfaces in it.
    let unflushed = 0;
    let flushing: Promise<void> | null = null;
    const measure = new Transform({
      highWaterMark: WRITE_BUFFER_BYTES,
      transform(chunk: Buffer, _encoding, done) {
        digest.update(chunk);
        size += chunk.length;
        unflushed += chunk.length;
        if (unflushed >= FLUSH_EVERY_BYTES && !flushing) {
          unflushed = 0;
          flushing = handle
            .datasync()
            .catch(() => undefined)
            .finally(() => (flushing = null));
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, measure, handle.createWriteStream({ flush: true, highWaterMark: WRITE_BUFFER_BYTES }));
      await rename(temp, target);
      await syncDirectory(dirname(target));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { size, sha256: digest.digest('hex') };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const handle = await open(this.pathOf(key), 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new StoredFileNotFoundError(key) : error;
    });
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async deleteAll(prefix: string): Promise<void> {
    await rm(this.pathOf(prefix), { recursive: true, force: true });
  }

  async *list(): AsyncIterable<StoredFileEntry> {
    yield* this.walk(this.root, []);
  }

  /** Depth first, one directory's entries in memory at a time; entries that vanish meanwhile are skipped. */
  private async *walk(directory: string, parts: string[]): AsyncIterable<StoredFileEntry> {
    const entries = await readdir(directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries) {
      if (parts.length === 0 && entry.name === INCOMING) continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        yield* this.walk(path, [...parts, entry.name]);
      } else if (entry.isFile()) {
        const info = await stat(path).catch(() => null);
        if (info) yield { key: [...parts, entry.name].join('/'), modifiedAt: info.mtime };
      }
    }
  }

  /**
   * Removes what a crashed process left half-written. Only old files: another
   * process sharing the directory may be writing the young ones right now.
   */
  async removeAbandoned(olderThanMs: number): Promise<number> {
    const names = await readdir(this.incoming).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(this.incoming, name);
      const info = await stat(path).catch(() => null);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  private pathOf(key: string): string {
    // Keys come from code, not users; the check keeps a bug from escaping the root.
    if (!KEY.test(key) || key.split('/').some((part) => part === '.' || part === '..')) {
      throw new Error(`Invalid storage key: ${key}`);
    }
    return join(this.root, key);
  }
}

/** Makes a rename durable: the new name lives in the directory's own blocks. */
async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
