import busboy from 'busboy';
import type { Request } from 'express';

/** The API's import takes up to 10 MB of CSV (express.text in http-setup); the page takes the same. */
export const CSV_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export type CsvUpload =
  | { ok: true; csv: string; fields: Record<string, string>; fileName: string }
  | { ok: false; problem: 'no_file' | 'too_large' | 'not_multipart' | 'broken'; fields: Record<string, string> };

/**
 * The `file` part of a multipart form as text, and the form's other fields.
 * Held in memory: the import reads the whole file anyway, and the size is
 * bounded as the API's text/csv body is. A refusal says which, for the page
 * to show beside the file field; the rest of the body is read and dropped.
 */
export function readCsvUpload(req: Request): Promise<CsvUpload> {
  const fields: Record<string, string> = {};
  if (!req.is('multipart/form-data')) return Promise.resolve({ ok: false, problem: 'not_multipart', fields });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let fileName: string | null = null;
    let tooLarge = false;
    const form = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { fileSize: CSV_UPLOAD_MAX_BYTES, files: 1, fields: 10 },
    });
    form.on('field', (name, value) => {
      fields[name] = value;
    });
    form.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      fileName = info.filename ?? '';
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        tooLarge = true;
      });
    });
    form.on('error', () => {
      req.unpipe(form);
      req.resume();
      resolve({ ok: false, problem: 'broken', fields });
    });
    form.on('close', () => {
      if (tooLarge) return resolve({ ok: false, problem: 'too_large', fields });
      const csv = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      if (fileName === null || (fileName === '' && csv === '')) return resolve({ ok: false, problem: 'no_file', fields });
      resolve({ ok: true, csv, fields, fileName });
    });
    req.pipe(form);
  });
}
