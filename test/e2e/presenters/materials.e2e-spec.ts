import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'supertest';
import { MaterialsService } from '../../../src/presenters/materials.service';
import { docxFile, mp4File, odpFile, pdfFile, plainZipFile, pngFile, xlsxFile } from '../../support/material-files';
import { FormFile, multipartBody } from '../../support/multipart';
import { invitePresenters } from '../../support/presenter-invitations';
import { createSeedMeeting } from '../../support/seed-meeting';
import { filesUnder, useDataDir } from '../../support/stored-files';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Reads any response body as bytes. */
const bytes = (test: Test) =>
  test.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

describe('presentation materials', () => {
  const dataDir = useDataDir();
  const ctx = useTestApp({ PLENARY_DATA_DIR: dataDir });
  const materialsDir = join(dataDir, 'materials');
  let auth: string;
  let seed: Awaited<ReturnType<typeof createSeedMeeting>>;
  let ignacio: string;
  let ohiggins: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    seed = await createSeedMeeting(ctx.app.http, auth);
    ohiggins = seed.presentations.ohiggins.id;
    const tokens = await invitePresenters(ctx, auth, ohiggins);
    ignacio = `Bearer ${tokens['ignacio.tello@ohiggins.test']}`;
  });

  const upload = (file: FormFile, token = ignacio, presentationId = ohiggins) => {
    const { body, contentType } = multipartBody([file]);
    return ctx.app.http
      .post(`/presentations/${presentationId}/materials`)
      .set('Authorization', token)
      .set('Content-Type', contentType)
      .send(body);
  };
  const rows = () => ctx.db.query<{ id: string; version: number }>('SELECT id, version FROM presentation_materials ORDER BY uploaded_at');

  it('streams a PDF to storage and records its SHA-256 and size as version 1', async () => {
    const pdf = pdfFile();
    const response = await upload({ fileName: 'Joint results.pdf', contentType: 'application/pdf', content: pdf }).expect(201);
    expect(response.body).toMatchObject({
      presentationId: ohiggins,
      version: 1,
      current: true,
      fileName: 'Joint results.pdf',
      type: 'pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      uploadedBy: { kind: 'presenter', name: 'Ignacio Tello' },
      public: false,
    });
    expect(response.body.uploadedAt).toMatch(/\+0[12]:00$/);

    const stored = join(materialsDir, seed.event.id, ohiggins, response.body.id);
    expect(readFileSync(stored).equals(pdf)).toBe(true);
    expect(filesUnder(join(materialsDir, '.incoming'))).toEqual([]);

    const download = await bytes(
      ctx.app.http
        .get(`/presentations/${ohiggins}/materials/${response.body.id}/download`)
        .set('Authorization', ignacio)
        .set('Accept-Encoding', 'gzip, br'),
    ).expect(200);
    expect((download.body as Buffer).equals(pdf)).toBe(true);
    // Sent byte for byte, as its ETag (the content's SHA-256) says, whatever the client accepts.
    expect(download.headers['content-encoding']).toBeUndefined();
    expect(download.headers['content-length']).toBe(String(pdf.length));
    expect(download.headers['cache-control']).toMatch(/no-transform/);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Joint results.pdf"; filename*=UTF-8''Joint%20results.pdf`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a PNG sent as application/pdf with 415, keeping neither file nor row', async () => {
    const filesBefore = filesUnder(materialsDir);
    const rowsBefore = await rows();
    const declared = await upload({ fileName: 'slides.png', contentType: 'application/pdf', content: pngFile() }).expect(415);
    expect(declared.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(declared.body).toMatchObject({ status: 415, detectedType: 'png' });
    expect(declared.body.detail).toContain('application/pdf');
    const named = await upload({ fileName: 'slides.pdf', contentType: 'image/png', content: pngFile() }).expect(415);
    expect(named.body.detail).toContain('.pdf');
    const unknown = await upload({
      fileName: 'notes.pdf',
      contentType: 'application/pdf',
      content: Buffer.from('just some text\n'),
    }).expect(415);
    expect(unknown.body.detectedType).toBeNull();
    expect(filesUnder(materialsDir)).toEqual(filesBefore);
    expect(await rows()).toEqual(rowsBefore);
  });

  it('tells a DOCX from a plain ZIP by what the archive holds', async () => {
    const docx = await upload({
      fileName: 'Lessons learned.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      content: docxFile(),
    }).expect(201);
    expect(docx.body).toMatchObject({
      type: 'docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const zip = await upload({ fileName: 'pilot projects.zip', contentType: 'application/zip', content: plainZipFile() }).expect(201);
    expect(zip.body).toMatchObject({ type: 'zip', contentType: 'application/zip' });

    const zipAsDocx = await upload({
      fileName: 'report.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      content: plainZipFile(),
    }).expect(415);
    expect(zipAsDocx.body.detectedType).toBe('zip');
    const docxAsZip = await upload({ fileName: 'report.zip', contentType: 'application/zip', content: docxFile() }).expect(415);
    expect(docxAsZip.body.detectedType).toBe('docx');
    const broken = plainZipFile().subarray(0, 60);
    const damaged = await upload({ fileName: 'broken.zip', contentType: 'application/zip', content: broken }).expect(415);
    expect(damaged.body.detail).toMatch(/cannot be read as one/);
  });

  it('recognises ODP, XLSX, PNG and MP4 by content when the client declares no type', async () => {
    const cases: Array<[string, Buffer, string]> = [
      ['Roadmap.odp', odpFile(), 'odp'],
      ['Budget.xlsx', xlsxFile(), 'xlsx'],
      ['Photo', pngFile(), 'png'],
      ['Field visit.mp4', mp4File(), 'mp4'],
    ];
    for (const [fileName, content, type] of cases) {
      const response = await upload({ fileName, contentType: 'application/octet-stream', content }).expect(201);
      expect(response.body.type).toBe(type);
    }
    const versions = await ctx.app.http.get(`/presentations/${ohiggins}/materials`).set('Authorization', ignacio).expect(200);
    expect(versions.body.items[1].fileName).toBe('Photo.png');
  });

  it('neutralises ../ and control characters in file names', async () => {
    const traversal = await upload({ fileName: '../x', contentType: 'application/pdf', content: pdfFile() }).expect(201);
    expect(traversal.body.fileName).toBe('x.pdf');
    const windows = await upload({
      fileName: '..\\..\\windows\\system32\\evil.pdf',
      contentType: 'application/pdf',
      content: pdfFile(),
    }).expect(201);
    expect(windows.body.fileName).toBe('evil.pdf');
    const controls = await upload({
      fileName: '\u0007Final\r\nreport\u0000 \u202Efdp.exe.pdf',
      contentType: 'application/pdf',
      content: pdfFile(),
    }).expect(201);
    expect(controls.body.fileName).toBe('Final report_ _fdp.exe.pdf');
    // eslint-disable-next-line no-control-regex -- the name must carry no control character
    expect(controls.body.fileName).not.toMatch(/[\u0000-\u001f\u007f\u202e/\\]/);
    const hidden = await upload({ fileName: '...hidden.pdf', contentType: 'application/pdf', content: pdfFile() }).expect(201);
    expect(hidden.body.fileName).toBe('hidden.pdf');
    const long = await upload({
      fileName: `${'Lessons learned '.repeat(20)}.pdf`,
      contentType: 'application/pdf',
      content: pdfFile(),
    }).expect(201);
    expect(Array.from(long.body.fileName as string)).toHaveLength(120);
    expect(long.body.fileName).toMatch(/\.pdf$/);

    // Names never reach the file system: every stored file sits under its event/presentation/id key.
    for (const file of filesUnder(materialsDir)) expect(file).toMatch(/^[0-9a-f-]{36}\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    const download = await bytes(
      ctx.app.http.get(`/presentations/${ohiggins}/materials/${controls.body.id}/download`).set('Authorization', ignacio),
    ).expect(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="Final report_ _fdp\.exe\.pdf"; filename\*=UTF-8''/);
  });

  it('makes every upload a new version, the latest current, and lets organisers upload and download too', async () => {
    const versions = await ctx.app.http.get(`/presentations/${ohiggins}/materials`).set('Authorization', ignacio).expect(200);
    const numbers = versions.body.items.map((m: { version: number }) => m.version);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(versions.body.items.filter((m: { current: boolean }) => m.current)).toHaveLength(1);
    expect(versions.body.items[0].current).toBe(true);

    // Uploads at the same moment each get a number of their own.
    const together = await Promise.all(
      [1, 2, 3].map((n) =>
        upload({ fileName: `Draft ${n}.pdf`, contentType: 'application/pdf', content: pdfFile(`Draft ${n}`) }).expect(201),
      ),
    );
    expect(together.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([numbers[0] + 1, numbers[0] + 2, numbers[0] + 3]);

    const { body, contentType } = multipartBody([
      { fileName: 'Final slides.pdf', contentType: 'application/pdf', content: pdfFile('Final') },
    ]);
    const byOrganiser = await ctx.app.http
      .post(`${seed.base}/presentations/${ohiggins}/materials`)
      .set('Authorization', auth)
      .set('Content-Type', contentType)
      .send(body)
      .expect(201);
    expect(byOrganiser.body).toMatchObject({ version: numbers[0] + 4, current: true, uploadedBy: { kind: 'organiser', personId: null } });

    const organiserList = await ctx.app.http.get(`${seed.base}/presentations/${ohiggins}/materials`).set('Authorization', auth).expect(200);
    expect(organiserList.body.items[0].id).toBe(byOrganiser.body.id);
    expect(organiserList.body.items[1].current).toBe(false);
    const download = await bytes(
      ctx.app.http.get(`${seed.base}/presentations/${ohiggins}/materials/${byOrganiser.body.id}/download`).set('Authorization', auth),
    ).expect(200);
    expect(sha256(download.body as Buffer)).toBe(byOrganiser.body.sha256);
  });

  it('shows organisers which pairings have not submitted materials, with the deadline and lateness', async () => {
    await ctx.app.http.patch(seed.base).set('Authorization', auth).send({ materialsDueAt: '2019-10-01T12:00' }).expect(200);
    const missing = await ctx.app.http.get(`${seed.base}/presentations?materials=missing`).set('Authorization', auth).expect(200);
    expect(missing.body.materialsDueAt).toBe('2019-10-01T12:00:00+02:00');
    expect(missing.body.items.map((p: { title: string }) => p.title).sort()).toEqual(
      [seed.presentations.piura.title, seed.presentations.valueChains.title].sort(),
    );
    expect(missing.body.items.find((p: { id: string }) => p.id === seed.presentations.piura.id)).toMatchObject({
      materials: { state: 'missing', versions: 0, firstSubmittedAt: null, latest: null, late: true },
      presenters: [
        expect.objectContaining({ name: 'Javier Bereche', invitation: expect.objectContaining({ status: 'not_invited' }) }),
        expect.objectContaining({ name: 'Luca Bianchi' }),
      ],
    });

    const owing = await ctx.app.plenary.app.get(MaterialsService).presentationsWithoutMaterials(seed.event.id);
    expect(owing.sort()).toEqual([seed.presentations.piura.id, seed.presentations.valueChains.id].sort());

    const submitted = await ctx.app.http.get(`${seed.base}/presentations?materials=submitted`).set('Authorization', auth).expect(200);
    expect(submitted.body.items).toHaveLength(1);
    const [row] = submitted.body.items;
    expect(row).toMatchObject({
      id: ohiggins,
      materials: { state: 'submitted', late: true, latest: { current: true, fileName: 'Final slides.pdf' } },
    });
    expect(row.materials.versions).toBeGreaterThan(5);
    expect(row.materials.firstSubmittedAt).toMatch(/\+0[12]:00$/);
    expect(row.presenters[0].invitation).toMatchObject({ status: 'invited', invitationsSent: 1 });

    await ctx.app.http.patch(seed.base).set('Authorization', auth).send({ materialsDueAt: '2030-01-01T12:00' }).expect(200);
    const all = await ctx.app.http.get(`${seed.base}/presentations?materials=all`).set('Authorization', auth).expect(200);
    expect(all.body.items.map((p: { materials: { late: boolean } }) => p.materials.late)).toEqual([false, false, false]);

    const plain = await ctx.app.http.get(`${seed.base}/presentations`).set('Authorization', auth).expect(200);
    expect(plain.body.items).toHaveLength(3);
    expect(plain.body.items[0].materials).toBeUndefined();
    const wrong = await ctx.app.http.get(`${seed.base}/presentations?materials=late`).set('Authorization', auth).expect(400);
    expect(wrong.body.errors).toEqual([{ field: 'materials', message: 'expected missing, submitted or all' }]);
  });

  it('makes a material public once the event is over, for anyone to download', async () => {
    const [current] = (await ctx.app.http.get(`${seed.base}/presentations/${ohiggins}/materials`).set('Authorization', auth).expect(200))
      .body.items;
    await ctx.app.http.get(`/materials/${current.id}/download`).expect(404);
    const published = await ctx.app.http
      .patch(`${seed.base}/presentations/${ohiggins}/materials/${current.id}`)
      .set('Authorization', auth)
      .send({ public: true })
      .expect(200);
    expect(published.body).toMatchObject({ public: true });
    // The seed meeting was in 2019, but its event is still a draft: nothing public yet.
    await ctx.app.http.get(`/materials/${current.id}/download`).expect(404);
    await ctx.app.http.post(`${seed.base}/publish`).set('Authorization', auth).expect(200);
    const download = await bytes(ctx.app.http.get(`/materials/${current.id}/download`)).expect(200);
    expect(sha256(download.body as Buffer)).toBe(current.sha256);
    const listed = await ctx.app.http.get(`${seed.base}/materials`).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: current.id, downloadUrl: `http://plenary.test/materials/${current.id}/download` }),
    ]);
    expect(JSON.stringify(listed.body)).not.toMatch(/@|Ignacio/);

    const future = await ctx.app.http
      .post('/events')
      .set('Authorization', auth)
      .send({
        title: 'Next region-to-region meeting',
        timezone: 'Europe/Brussels',
        startsAt: '2031-10-08T09:00',
        endsAt: '2031-10-09T17:30',
      })
      .expect(201);
    const talk = await ctx.app.http
      .post(`/events/${future.body.id}/presentations`)
      .set('Authorization', auth)
      .send({ title: 'Preview', presenters: [] })
      .expect(201);
    const { body, contentType } = multipartBody([{ fileName: 'preview.pdf', contentType: 'application/pdf', content: pdfFile() }]);
    const early = await ctx.app.http
      .post(`/events/${future.body.id}/presentations/${talk.body.id}/materials`)
      .set('Authorization', auth)
      .set('Content-Type', contentType)
      .send(body)
      .expect(201);
    const refused = await ctx.app.http
      .patch(`/events/${future.body.id}/presentations/${talk.body.id}/materials/${early.body.id}`)
      .set('Authorization', auth)
      .send({ public: true })
      .expect(422);
    expect(refused.body.errors).toEqual([{ field: 'public', message: 'the event has not ended yet' }]);
  });
});
