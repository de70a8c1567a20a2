import type { Readable } from 'node:stream';

/** What a completed `put` measured while the bytes went by. */
export interface StoredFile {
  size: number;
  /** Lower-case hex. */
  sha256: string;
}

/** Bytes `start` to `end`, both inclusive (as HTTP ranges and `fs.createReadStream` count). */
export interface ByteRange {
  start: number;
  end: number;
}

/** A stored file as a listing shows it. */
export interface StoredFileEntry {
  key: string;
  modifiedAt: Date;
}

/**
 * Where uploaded files live, by key (`a/b/c`: letters, digits, `.`, `_`, `-`).
 * The local directory is the default; an S3-compatible store implements the
 * same calls (multipart upload, ranged GET, DELETE, ListObjectsV2 and
 * DeleteObjects).
 */
export interface FileStorage {
  /**
   * Streams `body` under `key`, hashing it on the way. The key shows the file
   * only once it is complete: when `body` fails or is destroyed, nothing stays.
   */
  put(key: string, body: Readable): Promise<StoredFile>;
  /** The file's bytes, or a range of them; rejects with StoredFileNotFoundError. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes the file; a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Removes every file whose key starts with `prefix/`; none is not an error. */
  deleteAll(prefix: string): Promise<void>;
  /** Every complete file, in no particular order; files being written are not listed. */
  list(): AsyncIterable<StoredFileEntry>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');

export class StoredFileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored file under ${key}`);
  }
}
