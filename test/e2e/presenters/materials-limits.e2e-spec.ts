import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { pdfFile } from '../../support/material-files';
import { multipartBody } from '../../support/multipart';
import { invitePresenters } from '../../support/presenter-invitations';
import { createSeedMeeting } from '../../support/seed-meeting';
import { filesUnder, useDataDir } from '../../support/stored-files';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

const MAX_BYTES = 64 * 1024;

/** A PDF of exactly `size` bytes: a real header, then padding in a comment-free tail. */
function pdfOfSize(size: number): Buffer {
  const head = pdfFile();
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
}

describe('material size limit', () => {
  const dataDir = useDataDir();
  const ctx = useTestApp({ PLENARY_DATA_DIR: dataDir, MATERIALS_MAX_BYTES: String(MAX_BYTES) });
  const materialsDir = join(dataDir, 'materials');
  let ignacio: string;
  let path: string;

  beforeAll(async () => {
    const auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const seed = await createSeedMeeting(ctx.app.http, auth);
    path = `/presentations/${seed.presentations.ohiggins.id}/materials`;
    ignacio = `Bearer ${(await invitePresenters(ctx, auth, seed.presentations.ohiggins.id))['ignacio.tello@ohiggins.test']}`;
  });

  const rowCount = async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM presentation_materials'))[0].n;

  /** Sends `chunks` as a chunked request (no Content-Length), `pause` awaited between them; resolves with the answer. */
  function sendChunked(chunks: Buffer[], contentType: string, pause?: (index: number) => Promise<void>) {
    const url = new URL(path, ctx.app.plenary.url!);
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(url, { method: 'POST', headers: { Authorization: ignacio, 'Content-Type': contentType } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      void (async () => {
        for (const [i, chunk] of chunks.entries()) {
          request.write(chunk);
          await pause?.(i);
        }
        request.end();
      })();
    });
  }

  it('accepts a file of exactly MATERIALS_MAX_BYTES', async () => {
    const { body, contentType } = multipartBody([{ fileName: 'limit.pdf', contentType: 'application/pdf', content: pdfOfSize(MAX_BYTES) }]);
    const response = await ctx.app.http.post(path).set('Authorization', ignacio).set('Content-Type', contentType).send(body).expect(201);
    expect(response.body.size).toBe(MAX_BYTES);
  });

  it('stops an upload one byte over the limit with 413, leaving no file and no row', async () => {
    const filesBefore = filesUnder(materialsDir);
    const rowsBefore = await rowCount();
    const { body, contentType } = multipartBody([
      { fileName: 'big.pdf', contentType: 'application/pdf', content: pdfOfSize(MAX_BYTES + 1) },
    ]);
    const response = await ctx.app.http.post(path).set('Authorization', ignacio).set('Content-Type', contentType).send(body).expect(413);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 413, maxBytes: MAX_BYTES });
    expect(filesUnder(materialsDir)).toEqual(filesBefore);
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('stops a chunked upload (no Content-Length) at the limit while it streams', async () => {
    const filesBefore = filesUnder(materialsDir);
    const rowsBefore = await rowCount();
    const { body, contentType } = multipartBody([
      { fileName: 'video.pdf', contentType: 'application/pdf', content: pdfOfSize(MAX_BYTES * 4) },
    ]);
    const chunks = Array.from({ length: Math.ceil(body.length / 8192) }, (_, i) => body.subarray(i * 8192, (i + 1) * 8192));
    const response = await sendChunked(chunks, contentType);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ status: 413 });
    expect(filesUnder(materialsDir)).toEqual(filesBefore);
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('answers 413 before reading a body whose Content-Length cannot fit', async () => {
    await ctx.app.http
      .post(path)
      .set('Authorization', ignacio)
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .send(Buffer.alloc(MAX_BYTES * 3))
      .expect(413);
  });

  it('removes the half-written file of a client that breaks off mid-upload', async () => {
    const filesBefore = filesUnder(materialsDir);
    const rowsBefore = await rowCount();
    const { body, contentType } = multipartBody([
      { fileName: 'broken.pdf', contentType: 'application/pdf', content: pdfOfSize(MAX_BYTES - 1000) },
    ]);
    const url = new URL(path, ctx.app.plenary.url!);
    const request = httpRequest(url, { method: 'POST', headers: { Authorization: ignacio, 'Content-Type': contentType } });
    const failed = new Promise((resolve) => request.on('error', resolve));
    request.write(body.subarray(0, body.length / 2));
    await waitFor('the upload to reach storage', () => filesUnder(join(materialsDir, '.incoming')).length === 1);
    request.destroy();
    await failed;
    await waitFor('the half-written file to go', () => filesUnder(join(materialsDir, '.incoming')).length === 0);
    expect(filesUnder(materialsDir)).toEqual(filesBefore);
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('refuses a request that is not multipart with 415, and a form without exactly one whole file with 400', async () => {
    const filesBefore = filesUnder(materialsDir);
    await ctx.app.http.post(path).set('Authorization', ignacio).send({ file: 'not a file' }).expect(415);
    const { body, contentType } = multipartBody([{ field: 'attachment', fileName: 'x.pdf', content: pdfFile() }]);
    const missing = await ctx.app.http.post(path).set('Authorization', ignacio).set('Content-Type', contentType).send(body).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'file', message: 'required' }]);
    // Forms cut short inside a part, the file's or another's.
    const file = multipartBody([{ fileName: 'x.pdf', content: pdfFile() }]);
    for (const form of [file, { body, contentType }]) {
      const truncated = await ctx.app.http
        .post(path)
        .set('Authorization', ignacio)
        .set('Content-Type', form.contentType)
        .send(form.body.subarray(0, form.body.length - 10))
        .expect(400);
      expect(truncated.body.detail).toMatch(/malformed|broke off/);
    }
    const twoFiles = multipartBody([
      { fileName: 'a.pdf', content: pdfFile() },
      { fileName: 'b.pdf', content: pdfFile() },
    ]);
    const two = await ctx.app.http
      .post(path)
      .set('Authorization', ignacio)
      .set('Content-Type', twoFiles.contentType)
      .send(twoFiles.body)
      .expect(400);
    expect(two.body.errors).toEqual([{ field: 'file', message: 'more than one file' }]);
    expect(filesUnder(materialsDir)).toEqual(filesBefore);
  });
});
