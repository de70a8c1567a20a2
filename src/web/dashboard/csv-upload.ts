import busboy from 'busboy';
import type { Request } from 'express';

/** The API's import takes up to 10 MB of CSV (express.text in http-setup); the page takes the same. */
export const CSV_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export type CsvUpload =
  | { ok: true; csv: string; fields: Record<string, string>; fileName: string }
  | { ok: false; problem: UploadProblem; fields: Record<string, string> };

export type UploadProblem = 'no_file' | 'too_large' | 'not_multipart' | 'broken';

export type FileUpload =
  | { ok: true; bytes: Buffer; fields: Record<string, string>; fileName: string }
  | { ok: false; problem: UploadProblem; fields: Record<string, string> };

/**
 * The `file` part of a multipart form as text, and the form's other fields.
 * Held in memory: the import reads the whole file anyway, and the size is
 * bounded as the API's text/csv body is. A refusal says which, for the page
 * to show beside the file field; the rest of the body is read and dropped.
 */
export async function readCsvUpload(req: Request): Promise<CsvUpload> {
  const upload = await readFileUpload(req, CSV_UPLOAD_MAX_BYTES);
  if (!upload.ok) return upload;
  const csv = upload.bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (upload.fileName === '' && csv === '') return { ok: false, problem: 'no_file', fields: upload.fields };
  return { ok: true, csv, fields: upload.fields, fileName: upload.fileName };
}

/** The `file` part of a multipart form as bytes (at most `maxBytes`), and the form's other fields. */
export function readFileUpload(req: Request, maxBytes: number): Promise<FileUpload> {
  const fields: Record<string, string> = {};
  if (!req.is('multipart/form-data')) return Promise.resolve({ ok: false, problem: 'not_multipart', fields });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let fileName: string | null = null;
    let tooLarge = false;
    const form = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { fileSize: maxBytes, files: 1, fields: 10 },
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
      const bytes = Buffer.concat(chunks);
      if (fileName === null || (fileName === '' && bytes.length === 0)) return resolve({ ok: false, problem: 'no_file', fields });
      resolve({ ok: true, bytes, fields, fileName });
    });
    req.pipe(form);
  });
}
