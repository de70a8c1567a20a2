import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORPHANED_FILE_GRACE_MS } from '../../../src/presenters/orphaned-material-files.service';
import { pdfFile } from '../../support/material-files';
import { multipartBody } from '../../support/multipart';
import { invitePresenters } from '../../support/presenter-invitations';
import { createSeedMeeting } from '../../support/seed-meeting';
import { filesUnder, useDataDir } from '../../support/stored-files';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

describe('removed presentations', () => {
  const dataDir = useDataDir();
  // The test app runs the maintenance sweep every second (PLENARY_SWEEP_INTERVAL_SECONDS=1).
  const ctx = useTestApp({ PLENARY_DATA_DIR: dataDir });
  const materialsDir = join(dataDir, 'materials');
  let auth: string;
  let seed: Awaited<ReturnType<typeof createSeedMeeting>>;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    seed = await createSeedMeeting(ctx.app.http, auth);
  });

  const upload = async (path: string, token: string, text: string) => {
    const { body, contentType } = multipartBody([{ fileName: `${text}.pdf`, contentType: 'application/pdf', content: pdfFile(text) }]);
    const response = await ctx.app.http.post(path).set('Authorization', token).set('Content-Type', contentType).send(body).expect(201);
    return response.body as { id: string };
  };
  const storedFile = (presentationId: string, materialId: string) => join(materialsDir, seed.event.id, presentationId, materialId);
  /** Sets a file's modification time `ms` into the past, as if it had been written then. */
  const age = (path: string, ms: number) => {
    const then = new Date(Date.now() - ms);
    utimesSync(path, then, then);
  };

  it("deletes the files and ends the links of presenters who present nothing else, keeping other presentations' files", async () => {
    const ohiggins = seed.presentations.ohiggins;
    const marta = ohiggins.presenters.find((p: { email: string }) => p.email === 'marta.ruiz@andalucia.test');
    const followUp = (
      await ctx.app.http
        .post(`${seed.base}/presentations`)
        .set('Authorization', auth)
        .send({ title: 'Andalucía: what the pairing led to', presenters: [{ personId: marta.personId }] })
        .expect(201)
    ).body;
    const tokens = await invitePresenters(ctx, auth, ohiggins.id);
    const ignacio = `Bearer ${tokens['ignacio.tello@ohiggins.test']}`;
    const martaToken = `Bearer ${tokens['marta.ruiz@andalucia.test']}`;

    const material = await upload(`/presentations/${ohiggins.id}/materials`, ignacio, 'Joint results');
    const kept = await upload(`${seed.base}/presentations/${seed.presentations.piura.id}/materials`, auth, 'Piura strategy');
    expect(existsSync(storedFile(ohiggins.id, material.id))).toBe(true);
    // The 2019 meeting is over once published, so its materials can be made public.
    await ctx.app.http.post(`${seed.base}/publish`).set('Authorization', auth).expect(200);
    await ctx.app.http
      .patch(`${seed.base}/presentations/${ohiggins.id}/materials/${material.id}`)
      .set('Authorization', auth)
      .send({ public: true })
      .expect(200);
    const presenterDownload = `/presentations/${ohiggins.id}/materials/${material.id}/download`;
    const publicDownload = `/materials/${material.id}/download`;
    await ctx.app.http.get(presenterDownload).set('Authorization', martaToken).expect(200);
    await ctx.app.http.get(publicDownload).expect(200);

    await ctx.app.http.delete(`${seed.base}/presentations/${ohiggins.id}`).set('Authorization', auth).expect(204);

    await waitFor('the removed presentation’s directory to be gone', () => !existsSync(join(materialsDir, seed.event.id, ohiggins.id)));
    expect(filesUnder(join(materialsDir, seed.event.id))).toEqual([`${seed.presentations.piura.id}/${kept.id}`]);
    await ctx.app.http.get(publicDownload).expect(404);
    await ctx.app.http.get(presenterDownload).set('Authorization', martaToken).expect(404);
    await ctx.app.http
      .get(`${seed.base}/presentations/${ohiggins.id}/materials/${material.id}/download`)
      .set('Authorization', auth)
      .expect(404);
    await ctx.app.http.get(`${seed.base}/materials`).expect(200, { items: [], nextCursor: null });

    const refused = await ctx.app.http.get('/me/presentations').set('Authorization', ignacio).expect(401);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    const stillPresenting = await ctx.app.http.get('/me/presentations').set('Authorization', martaToken).expect(200);
    expect(stillPresenting.body.items.map((p: { id: string }) => p.id)).toEqual([followUp.id]);
  });

  it('sweeps files and links that a missed removal left behind, but never a fresh file', async () => {
    const valueChains = seed.presentations.valueChains;
    const tokens = await invitePresenters(ctx, auth, valueChains.id);
    const carla = `Bearer ${tokens['carla.souza@parana.test']}`;
    const material = await upload(`/presentations/${valueChains.id}/materials`, carla, 'Value chains');
    const living = (
      await ctx.app.http.get(`${seed.base}/presentations/${seed.presentations.piura.id}/materials`).set('Authorization', auth).expect(200)
    ).body.items[0] as { id: string };
    age(storedFile(seed.presentations.piura.id, living.id), 2 * ORPHANED_FILE_GRACE_MS);

    // Files written while the app was down: one long ago, one just now, each of a presentation that does not exist.
    const write = (ageMs: number) => {
      const path = storedFile(randomUUID(), randomUUID());
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, pdfFile('left behind'));
      age(path, ageMs);
      return path;
    };
    const fresh = write(0);
    const old = write(ORPHANED_FILE_GRACE_MS + 60_000);
    // A removal whose domain event never ran, as when the process died right after the commit.
    await ctx.db.query('DELETE FROM presentations WHERE id = $1', [valueChains.id]);
    age(storedFile(valueChains.id, material.id), ORPHANED_FILE_GRACE_MS + 60_000);

    await waitFor(
      'the sweep to remove the old orphaned files',
      () => !existsSync(old) && !existsSync(storedFile(valueChains.id, material.id)),
    );
    expect(existsSync(join(old, '..'))).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(storedFile(seed.presentations.piura.id, living.id))).toBe(true);
    await waitFor('the sweep to revoke the link of a presenter who presents nothing', async () => {
      const response = await ctx.app.http.get('/me/presentations').set('Authorization', carla);
      return response.status === 401;
    });
  });
});
