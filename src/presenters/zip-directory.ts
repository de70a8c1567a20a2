import type { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';

/** Opens `length` bytes of the archive at `start`: the archive is read where it lies, never whole. */
export type ByteSource = (start: number, length: number) => Promise<Readable>;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const END_OF_DIRECTORY_SIZE = 22;
const MAX_COMMENT = 0xffff;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const UTF8_NAMES = 0x800;
const ENCRYPTED = 0x1;

export async function readBytes(source: ByteSource, start: number, length: number): Promise<Buffer> {
  if (length === 0) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of await source(start, length)) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  if (bytes.length !== length) throw new ZipFormatError('the archive is shorter than its directory says');
  return bytes;
}

/**
 * The archive's entries, from its central directory (found through the end
 * record at the back of the file), streamed record by record: a large
 * directory costs no more memory than a small one.
 */
export async function* zipEntries(source: ByteSource, size: number): AsyncGenerator<ZipEntry> {
  const directory = await findDirectory(source, size);
  if (directory.size === 0) {
    if (directory.entries !== 0) throw new ZipFormatError('the central directory is missing');
    return;
  }
  let pending: Buffer = Buffer.alloc(0);
  let count = 0;
  for await (const chunk of await source(directory.offset, directory.size)) {
    pending = pending.length > 0 ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let at = 0;
    while (pending.length - at >= CENTRAL_HEADER_SIZE) {
      if (pending.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipFormatError('the central directory is damaged');
      const length = CENTRAL_HEADER_SIZE + pending.readUInt16LE(at + 28) + pending.readUInt16LE(at + 30) + pending.readUInt16LE(at + 32);
      if (pending.length - at < length) break;
      yield centralEntry(pending.subarray(at, at + length));
      count += 1;
      at += length;
    }
    pending = pending.subarray(at);
  }
  if (pending.length > 0 || count !== directory.entries) throw new ZipFormatError('the central directory does not match its end record');
}

/** An entry's content, inflated; refuses anything that would exceed `maxBytes`. */
export async function readZipEntry(source: ByteSource, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.flags & ENCRYPTED) throw new ZipFormatError(`${entry.name} is encrypted`);
  if (entry.compressedSize > maxBytes || entry.uncompressedSize > maxBytes)
    throw new ZipFormatError(`${entry.name} is too large to inspect`);
  const header = await readBytes(source, entry.localHeaderOffset, LOCAL_HEADER_SIZE);
  if (header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFormatError(`the local header of ${entry.name} is missing`);
  const dataStart = entry.localHeaderOffset + LOCAL_HEADER_SIZE + header.readUInt16LE(26) + header.readUInt16LE(28);
  const data = await readBytes(source, dataStart, entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    throw new ZipFormatError(`${entry.name} cannot be inflated: ${(error as Error).message}`);
  }
}

async function findDirectory(source: ByteSource, size: number): Promise<{ offset: number; size: number; entries: number }> {
  if (size < END_OF_DIRECTORY_SIZE) throw new ZipFormatError('too short to be a ZIP archive');
  const tailStart = Math.max(0, size - END_OF_DIRECTORY_SIZE - MAX_COMMENT);
  const tail = await readBytes(source, tailStart, size - tailStart);
  for (let at = tail.length - END_OF_DIRECTORY_SIZE; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) !== END_OF_DIRECTORY) continue;
    if (at + END_OF_DIRECTORY_SIZE + tail.readUInt16LE(at + 20) > tail.length) continue;
    let entries = tail.readUInt16LE(at + 10);
    let directorySize = tail.readUInt32LE(at + 12);
    let offset = tail.readUInt32LE(at + 16);
    if (entries === 0xffff || directorySize === 0xffffffff || offset === 0xffffffff) {
      ({ entries, directorySize, offset } = await zip64Directory(source, tailStart + at));
    }
    if (offset + directorySize > size) throw new ZipFormatError('the central directory lies beyond the end of the file');
    return { offset, size: directorySize, entries };
  }
  throw new ZipFormatError('no end of central directory record');
}

async function zip64Directory(source: ByteSource, endRecordAt: number) {
  if (endRecordAt < 20) throw new ZipFormatError('the ZIP64 locator is missing');
  const locator = await readBytes(source, endRecordAt - 20, 20);
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipFormatError('the ZIP64 locator is missing');
  const record = await readBytes(source, Number(locator.readBigUInt64LE(8)), 56);
  if (record.readUInt32LE(0) !== ZIP64_END_OF_DIRECTORY) throw new ZipFormatError('the ZIP64 end record is missing');
  return {
    entries: Number(record.readBigUInt64LE(32)),
    directorySize: Number(record.readBigUInt64LE(40)),
    offset: Number(record.readBigUInt64LE(48)),
  };
}

function centralEntry(record: Buffer): ZipEntry {
  const flags = record.readUInt16LE(8);
  const nameLength = record.readUInt16LE(28);
  const extraLength = record.readUInt16LE(30);
  const name = record.toString(flags & UTF8_NAMES ? 'utf8' : 'latin1', CENTRAL_HEADER_SIZE, CENTRAL_HEADER_SIZE + nameLength);
  const entry: ZipEntry = {
    name,
    method: record.readUInt16LE(10),
    flags,
    compressedSize: record.readUInt32LE(20),
    uncompressedSize: record.readUInt32LE(24),
    localHeaderOffset: record.readUInt32LE(42),
  };
  // ZIP64: the fields at 0xffffffff continue, in this order, in the extra field 0x0001.
  const extra = record.subarray(CENTRAL_HEADER_SIZE + nameLength, CENTRAL_HEADER_SIZE + nameLength + extraLength);
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    if (extra.readUInt16LE(at) !== 0x0001) continue;
    let field = at + 4;
    const next = () => {
      if (field + 8 > extra.length) throw new ZipFormatError(`the ZIP64 sizes of ${name} are cut short`);
      const value = Number(extra.readBigUInt64LE(field));
      field += 8;
      return value;
    };
    if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
    if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
    if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
  }
  return entry;
}
