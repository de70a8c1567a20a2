import { HttpStatus } from '@nestjs/common';
import busboy, { Busboy } from 'busboy';
import type { Request } from 'express';
import { PassThrough } from 'node:stream';
import { Problem } from '../platform/http/problem';
import { FileStorage, StoredFile } from '../platform/storage/file-storage';

export interface UploadedFile extends StoredFile {
  /** As the client named it: unsanitised. */
  fileName: string;
  /** The part's Content-Type, as declared by the client. */
  declaredType: string;
}

const FIELD = 'file';
/** The OpenAPI description of an upload body. */
export const UPLOAD_BODY = {
  schema: { type: 'object', required: [FIELD], properties: { [FIELD]: { type: 'string', format: 'binary' } } },
};

/**
 * Buffering between the socket, the parser and storage: large enough that the
 * bytes move in big writes rather than 16 KiB steps, small enough to bound an
 * upload's memory whatever its size.
 */
const STREAM_BUFFER_BYTES = 1024 * 1024;

/** Room for the part headers around the file; a body longer than the limit plus this cannot fit. */
const MULTIPART_OVERHEAD = 64 * 1024;

function tooLarge(maxBytes: number): Problem {
  return new Problem(HttpStatus.PAYLOAD_TOO_LARGE, `The file is larger than the limit of ${maxBytes} bytes`, undefined, { maxBytes });
}

/**
 * Streams the multipart field `file` of the request into storage under `key`,
 * never holding it in memory: storage hashes and counts the bytes as they go
 * by. Past `maxBytes` the upload stops with 413. Whatever fails, nothing stays
 * under the key, and the rest of the body is read and dropped so the client
 * sees the answer rather than a reset connection.
 */
export function receiveUpload(req: Request, storage: FileStorage, key: string, maxBytes: number): Promise<UploadedFile> {
  const declaredLength = Number(req.headers['content-length']);
  if (declaredLength > maxBytes + MULTIPART_OVERHEAD) return Promise.reject(tooLarge(maxBytes));
  let form: Busboy;
  try {
    form = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      highWaterMark: STREAM_BUFFER_BYTES,
      fileHwm: STREAM_BUFFER_BYTES,
      limits: { fileSize: maxBytes + 1, parts: 10, fields: 10, fieldSize: 64 * 1024 },
    });
  } catch {
    return Promise.reject(
      new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `Send the file as multipart/form-data in a field named "${FIELD}"`),
    );
  }

  return new Promise<UploadedFile>((resolve, reject) => {
    let upload: Promise<UploadedFile> | undefined;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(form);
      req.resume();
      form.destroy();
      void (upload ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => storage.delete(key))
        .finally(() => reject(error));
    };

    form.on('file', (field, source, info) => {
      if (field !== FIELD || upload) {
        // Dropped, but still a stream of the form: a form cut short errors it too.
        source.on('error', () => undefined);
        source.resume();
      }
      if (field !== FIELD) return;
      if (upload) {
        fail(Problem.badRequest('Send one file per upload', [{ field: FIELD, message: 'more than one file' }]));
        return;
      }
      // Storage may not be reading yet when the form fails; the refusal is kept
      // and answered whatever storage reports for the stream it lost.
      let refusal: Problem | undefined;
      const body = new PassThrough({ highWaterMark: STREAM_BUFFER_BYTES });
      body.on('error', () => undefined);
      const refuse = (problem: Problem) => {
        refusal ??= problem;
        body.destroy(problem);
      };
      source.once('limit', () => refuse(tooLarge(maxBytes)));
      source.on('error', (error: Error) => refuse(Problem.badRequest(`The upload broke off inside the file: ${error.message}`)));
      source.pipe(body);
      upload = storage.put(key, body).then(
        (stored) => ({ ...stored, fileName: info.filename ?? '', declaredType: info.mimeType ?? '' }),
        (error: unknown) => {
          throw refusal ?? error;
        },
      );
      upload.catch(fail);
    });
    form.on('error', (error: Error) => fail(Problem.badRequest(`The multipart body is malformed: ${error.message}`)));
    form.once('close', () => {
      if (failed) return;
      if (!upload) {
        fail(Problem.badRequest(`The form has no file in the field "${FIELD}"`, [{ field: FIELD, message: 'required' }]));
        return;
      }
      upload.then(resolve, fail);
    });
    req.on('error', fail);
    req.once('close', () => {
      if (!req.complete) fail(Problem.badRequest('The client stopped sending before the upload was complete'));
    });
    req.pipe(form);
  });
}
