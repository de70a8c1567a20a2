import { get } from 'node:http';
import { Readable } from 'node:stream';
import { zipEntries } from '../../../src/presenters/zip-directory';
import { dashboardAgent } from '../../support/dashboard-agent';
import { mp4File, pdfFile } from '../../support/material-files';
import { multipartBody } from '../../support/multipart';
import { useDataDir } from '../../support/stored-files';
import { ADMIN, TestApp, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

const MB = 1024 * 1024;
const FILE_BYTES = 20 * MB;
const FILES = 10;
/** The end of the archive kept while it streams past: the central directory of ten entries is far smaller. */
const TAIL_BYTES = 256 * 1024;

/** A valid MP4 of `size` bytes: an `ftyp` box, then an `mdat` box holding the rest. */
function largeMp4(size: number): Buffer {
  const head = mp4File().subarray(0, 24);
  const file = Buffer.alloc(size, 0x5a);
  head.copy(file, 0);
  file.writeUInt32BE(size - 24, 24);
  file.write('mdat', 28, 'latin1');
  return file;
}

async function upload(http: TestApp['http'], auth: string, eventId: string, presentationId: string, fileName: string, content: Buffer) {
  const { body, contentType } = multipartBody([{ fileName, contentType: 'application/octet-stream', content }]);
  return http
    .post(`/events/${eventId}/presentations/${presentationId}/materials`)
    .set('Authorization', auth)
    .set('Content-Type', contentType)
    .send(body)
    .expect(201);
}

async function meetingWithPresentations(http: TestApp['http'], auth: string, count: number) {
  const post = async (path: string, body: object) => (await http.post(path).set('Authorization', auth).send(body).expect(201)).body;
  const event = await post('/events', {
    title: 'Materials meeting',
    timezone: 'Europe/Brussels',
    startsAt: '2030-10-08T09:00',
    endsAt: '2030-10-09T17:30',
  });
  const session = await post(`/events/${event.id}/sessions`, {
    title: 'Pairings: value chains',
    kind: 'presentations',
    startsAt: '2030-10-08T09:30',
    endsAt: '2030-10-08T11:00',
  });
  const presentations = [];
  for (let i = 0; i < count; i += 1) {
    presentations.push(
      await post(`/events/${event.id}/presentations`, {
        title: `Pairing ${i + 1}: Biobío / Basque Country`,
        sessionId: i < count - 1 ? session.id : null,
      }),
    );
  }
  return { event, session, presentations };
}

/**
 * Reads the download as a stream, keeping only its tail, and samples the
 * process's memory (the server runs in this process) while it goes by.
 */
function download(url: string, cookie: string) {
  return new Promise<{
    status: number;
    headers: Record<string, unknown>;
    received: number;
    tail: Buffer;
    peakRss: number;
  }>((resolve, reject) => {
    let peakRss = 0;
    const sample = () => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    };
    get(url, { headers: { Cookie: cookie } }, (response) => {
      let received = 0;
      let tail = Buffer.alloc(0);
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        tail = Buffer.concat([tail, chunk]);
        if (tail.length > TAIL_BYTES) tail = Buffer.from(tail.subarray(tail.length - TAIL_BYTES));
        sample();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, received, tail, peakRss }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

describe('dashboard: every presentation’s materials as one zip', () => {
  const dataDir = useDataDir();
  const ctx = useTestApp({ PLENARY_DATA_DIR: dataDir, MATERIALS_MAX_BYTES: String(25 * MB) });

  it(`streams ${FILES} × 20 MB in folders per session and presentation, memory flat`, async () => {
    const http = ctx.app.http;
    const auth = await login(http, ADMIN.email, ADMIN.password);
    const { event, presentations } = await meetingWithPresentations(http, auth, FILES);
    // The 20 MB file lives only inside this call, so it is not counted in the download's memory.
    await (async () => {
      const content = largeMp4(FILE_BYTES);
      for (const [i, presentation] of presentations.entries()) {
        await upload(http, auth, event.id, presentation.id, i === 0 ? '../../etc/Joint results.mp4' : `Film ${i + 1}.mp4`, content);
      }
    })();
    const organiser = await dashboardAgent(ctx.app.plenary.url as string, ADMIN.email, ADMIN.password);
    const cookie = organiser.cookie;
    const page = await organiser.get(`/dashboard/events/${event.id}/presentations`).expect(200);
    expect(page.text).toContain('Download all materials (zip: 10 files, 200.0 MB)');
    expect(page.text).not.toContain('materials-zip-too-large');

    const before = process.memoryUsage();
    const result = await download(`${ctx.app.plenary.url}/dashboard/events/${event.id}/presentations/materials.zip`, cookie);
    const total = FILES * FILE_BYTES;

    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/zip');
    expect(result.headers['content-disposition']).toMatch(/^attachment; filename=".*-materials\.zip"$/);
    expect(result.received).toBeGreaterThan(total);
    expect(Number(result.headers['content-length'])).toBe(result.received);
    // The whole is 200 MB; a streamed download holds a few chunks at a time (chunks already read are
    // garbage the collector has not taken yet, which is why the bound is not a few hundred KB). The
    // process's resident memory is the measure: the JS heap's peak also holds the client's own garbage
    // (this test reads the download in the same process), and how much of it waits depends on the load.
    // A zip built in memory would add at least the whole 200 MB; a streamed one stays at a fraction of it
    // (about 0.1–30 MB here, depending on when the collector runs).
    expect(result.peakRss - before.rss).toBeLessThan(total / 4);

    const tailStart = result.received - result.tail.length;
    const source = async (start: number, length: number) =>
      Readable.from([result.tail.subarray(start - tailStart, start - tailStart + length)]);
    const entries = [];
    for await (const entry of zipEntries(source, result.received)) entries.push(entry);
    expect(entries.map((e) => [e.name, e.method, e.uncompressedSize])).toEqual([
      ['2030-10-08 0930 Pairings - value chains/01 Pairing 1 - Biobío - Basque Country/Joint results.mp4', 0, FILE_BYTES],
      ...Array.from({ length: FILES - 2 }, (_, i) => [
        `2030-10-08 0930 Pairings - value chains/${String(i + 2).padStart(2, '0')} Pairing ${i + 2} - Biobío - Basque Country/Film ${i + 2}.mp4`,
        0,
        FILE_BYTES,
      ]),
      [`Unscheduled/${String(FILES).padStart(2, '0')} Pairing ${FILES} - Biobío - Basque Country/Film ${FILES}.mp4`, 0, FILE_BYTES],
    ]);
  }, 120_000);
});

describe('dashboard: the materials zip over its stated size', () => {
  const dataDir = useDataDir();
  const ctx = useTestApp({ PLENARY_DATA_DIR: dataDir, PLENARY_MATERIALS_ZIP_MAX_BYTES: '1000' });

  it('is refused with a page saying the limit and the size', async () => {
    const http = ctx.app.http;
    const auth = await login(http, ADMIN.email, ADMIN.password);
    const { event, presentations } = await meetingWithPresentations(http, auth, 2);
    const pdf = pdfFile();
    for (const presentation of presentations) await upload(http, auth, event.id, presentation.id, 'Slides.pdf', pdf);
    const organiser = await dashboardAgent(ctx.app.plenary.url as string, ADMIN.email, ADMIN.password);
    const page = await organiser.get(`/dashboard/events/${event.id}/presentations`).expect(200);
    expect(page.text).toMatch(/id="materials-zip-too-large">1 KB is more than one download may hold \(1000 B\)\./);
    const refused = await organiser.get(`/dashboard/events/${event.id}/presentations/materials.zip`).expect(413);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toContain(
      `The materials come to ${Math.round((2 * pdf.length) / 1024)} KB, more than the 1000 B one download may hold`,
    );
    expect(refused.text).toContain('PLENARY_MATERIALS_ZIP_MAX_BYTES');
  });
});
