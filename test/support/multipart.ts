import { randomBytes } from 'node:crypto';

export interface FormFile {
  field?: string;
  /** Sent as RFC 5987 `filename*`, so any character, control characters included, reaches the server. */
  fileName: string;
  contentType?: string;
  content: Buffer;
}

/** A multipart/form-data body built byte by byte, for uploads whose every header a test controls. */
export function multipartBody(files: FormFile[]): { body: Buffer; contentType: string } {
  const boundary = `----plenary${randomBytes(8).toString('hex')}`;
  const parts = files.flatMap((file) => [
    Buffer.from(
      `--${boundary}\r\n` +
        `Content-Disposition: form-data; name="${file.field ?? 'file'}"; filename*=UTF-8''${encodeRfc5987(file.fileName)}\r\n` +
        `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      'latin1',
    ),
    file.content,
    Buffer.from('\r\n', 'latin1'),
  ]);
  return {
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`, 'latin1')]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function encodeRfc5987(value: string): string {
  return Array.from(Buffer.from(value, 'utf8'), (byte) =>
    /[A-Za-z0-9!#$&+.^_`|~-]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
}
