import compression from 'compression';
import type { RequestHandler } from 'express';

/**
 * Compresses text answers (JSON, HTML, CSV, calendars, XML) over 1 KB for
 * clients that accept it, streamed ones included. Left as they are: types that
 * are compressed already (compression's own check: PDF, Office files, images,
 * video, zip), answers marked `Cache-Control: no-transform` (materials, served
 * byte for byte under their SHA-256 ETag), and ranged requests, whose byte
 * offsets count the representation as stored.
 */
export function responseCompression(): RequestHandler {
  return compression({ filter: (req, res) => req.headers.range === undefined && compression.filter(req, res) });
}
