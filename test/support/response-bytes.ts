import type { Test } from 'supertest';

/** Reads a response body as bytes (a PDF, a zip), whatever its content type. */
export const bytes = (test: Test) =>
  test.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
