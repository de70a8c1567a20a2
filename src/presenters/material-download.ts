import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { PresentationMaterial } from './presentation-material.entity';

/**
 * A material as a download: served as the type its content was detected as,
 * never rendered inline, never sniffed into something else, never transformed
 * (compressed) on the way, so its bytes are the ones its ETag hashes.
 */
export function materialDownload(res: Response, material: PresentationMaterial, body: Readable, cacheControl: string): StreamableFile {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', `${cacheControl}, no-transform`);
  res.setHeader('ETag', `"${material.sha256}"`);
  return new StreamableFile(body, {
    type: material.contentType,
    length: material.sizeBytes,
    disposition: attachment(material.fileName),
  });
}

/** RFC 6266: an ASCII fallback for old clients, the exact UTF-8 name for the rest. */
function attachment(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = Array.from(new TextEncoder().encode(fileName), (byte) =>
    /[A-Za-z0-9!#$&+.^_`|~-]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
