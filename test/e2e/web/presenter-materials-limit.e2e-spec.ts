import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { pdfFile } from '../../support/material-files';
import { invitePresenters } from '../../support/presenter-invitations';
import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/** A tenth of a megabyte. */
const MAX_BYTES = 104_858;

/** A PDF padded past the limit with a comment after its end. */
function oversizedPdf(): Buffer {
  const pdf = pdfFile();
  return Buffer.concat([pdf, Buffer.from(`%${'x'.repeat(MAX_BYTES + 10_000 - pdf.length)}\n`, 'latin1')]);
}

describe('presenter portal size limit', () => {
  const ctx = useTestApp({ MATERIALS_MAX_BYTES: String(MAX_BYTES) });
  const browsers = useBrowser();
  let auth: string;
  let presentationId: string;
  let base: string;
  let token: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const seed = await createSeedMeeting(ctx.app.http, auth);
    base = seed.base;
    presentationId = seed.presentations.piura.id;
    token = (await invitePresenters(ctx, auth, presentationId))['javier.bereche@piura.test'];
  });

  async function materialsStored(): Promise<number> {
    const list = await ctx.app.http.get(`${base}/presentations/${presentationId}/materials`).set('Authorization', auth).expect(200);
    return list.body.items.length;
  }

  it('states the limit and refuses a larger file before sending it when the script runs', async () => {
    const context = await browsers.newContext();
    const page = await context.newPage();
    await page.goto(`${ctx.app.plenary.url}/presenter?token=${encodeURIComponent(token)}`);
    await page.waitForURL((url) => url.pathname === '/presenter' && !url.searchParams.has('token'));
    expect(await page.textContent('#materials-limit')).toContain('Files up to 0.1 MB.');
    const block = page.locator(`#presentation-${presentationId}`);
    await block.getByLabel('File to upload').setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: oversizedPdf() });
    await block.getByRole('button', { name: 'Upload', exact: true }).click();
    await block.locator('.upload-message.failed').waitFor();
    expect(await block.locator('.upload-message').textContent()).toBe('The file is larger than the limit of 0.1 MB.');
    expect(await block.getByLabel('File to upload').getAttribute('accept')).toContain('.pdf');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'presenter-too-large');
    expect(await materialsStored()).toBe(0);
    await context.close();
  });

  it('refuses a larger file sent by the plain form (no script) with 413 and the limit beside the file field', async () => {
    const context = await browsers.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${ctx.app.plenary.url}/presenter?token=${encodeURIComponent(token)}`);
    const block = page.locator(`#presentation-${presentationId}`);
    await block.getByLabel('File to upload').setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: oversizedPdf() });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      block.getByRole('button', { name: 'Upload', exact: true }).click(),
    ]);
    expect(response.status()).toBe(413);
    expect(await page.locator(`#p-${presentationId}-file-error`).textContent()).toContain('The file is larger than the limit of 0.1 MB.');
    expect(await materialsStored()).toBe(0);
    await context.close();
  });
});
