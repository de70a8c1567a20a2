import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { pdfFile, pngFile } from '../../support/material-files';
import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

const IGNACIO = 'ignacio.tello@ohiggins.test';
const MARTA = 'marta.ruiz@andalucia.test';

const SECTIONS = {
  purpose: 'Internationalise the regional development strategy through innovation.',
  results: 'More than 200 people involved and 40 missions between the paired regions.',
  nextSteps: 'A smart specialisation strategy with the Joint Research Centre.',
};

describe('presenter portal pages', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  let seed: Awaited<ReturnType<typeof createSeedMeeting>>;
  let presentationId: string;
  const links: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  /** The portal link of the presenter's latest invitation, as the email gives it, pointed at the test server. */
  function linkIn(address: string): string {
    const mails = ctx.smtp.for(address);
    const match = /http:\/\/plenary\.test\/presenter\?token=[A-Za-z0-9_%-]+/.exec(mails[mails.length - 1].text);
    if (!match) throw new Error(`no portal link in the mail to ${address}`);
    return match[0].replace('http://plenary.test', `${ctx.app.plenary.url}`);
  }

  async function open(link: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context =
      options.javaScriptEnabled === false
        ? await browsers.browser.newContext({ locale: 'en-GB', javaScriptEnabled: false })
        : await browsers.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForURL((url) => url.pathname === '/presenter' && !url.searchParams.has('token'));
    return page;
  }

  async function organiserView() {
    return (await ctx.app.http.get(`${seed.base}/presentations/${presentationId}`).set('Authorization', auth).expect(200)).body;
  }

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    seed = await createSeedMeeting(ctx.app.http, auth);
    presentationId = seed.presentations.ohiggins.id;
    await ctx.app.http.patch(seed.base).set('Authorization', auth).send({ materialsDueAt: '2030-01-01T12:00' }).expect(200);
    await ctx.app.http.post(`${seed.base}/agenda/versions`).set('Authorization', auth).send({ note: 'First programme' }).expect(201);
    await ctx.app.http.post(`/presentations/${presentationId}/invitations`).set('Authorization', auth).send({}).expect(201);
    for (const address of [IGNACIO, MARTA]) {
      await ctx.smtp.waitForMail(address);
      links[address] = linkIn(address);
    }
  });

  // Before the app stops, so no browser connection holds its server open.
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  it('takes the presenter from the emailed link to confirming, saving the sections and uploading a PDF with progress', async () => {
    const page = await open(links[IGNACIO]);
    const block = page.locator(`#presentation-${presentationId}`);
    expect(await page.locator('h1').textContent()).toBe('Your presentations');
    expect(await block.locator('h2').textContent()).toBe(seed.presentations.ohiggins.title);
    // The seed's session starts at 09:30 in Brussels: shown in the event's zone, which is named.
    expect(await block.locator('.slot-time').textContent()).toContain('09:30');
    expect(await block.locator('.slot-time').textContent()).toContain('Europe/Brussels');
    expect(await block.textContent()).toContain('Plenary hall');
    expect(await block.locator('.co-presenters').textContent()).toContain('Marta Ruiz');
    expect(await page.textContent('main')).not.toContain(MARTA);
    expect(await page.textContent('#materials-limit')).toMatch(/Files up to \d+(\.\d)? MB\. Accepted types: PDF, PPTX/);
    expect(await page.textContent('#materials-due')).toContain('2030');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'presenter-portal');

    await block.getByRole('button', { name: 'Confirm: I will present' }).click();
    await page.waitForURL((url) => url.searchParams.get('notice') === 'confirmed');
    expect(await block.locator('[role=status]').textContent()).toContain('you confirmed that you will present');
    expect(await block.locator('.answer-status').textContent()).toBe('confirmed');
    const invitations = await ctx.app.http.get(`/presentations/${presentationId}/invitations`).set('Authorization', auth).expect(200);
    expect(invitations.body.items.find((p: { email: string }) => p.email === IGNACIO).status).toBe('confirmed');

    await block.getByLabel('Purpose').fill(SECTIONS.purpose);
    await block.getByLabel('Results').fill(SECTIONS.results);
    await block.getByLabel('Next steps').fill(SECTIONS.nextSteps);
    await block.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((url) => url.searchParams.get('notice') === 'saved');
    expect(await block.locator('[role=status]').textContent()).toBe('Saved.');
    expect(await block.getByLabel('Results').inputValue()).toBe(SECTIONS.results);
    expect((await organiserView()).sections).toMatchObject(SECTIONS);

    await block.getByLabel('File to upload').setInputFiles({ name: 'joint-results.pdf', mimeType: 'application/pdf', buffer: pdfFile() });
    await block.getByRole('button', { name: 'Upload', exact: true }).click();
    await block.locator('#versions-' + presentationId + ' tr.version', { hasText: 'joint-results.pdf' }).waitFor();
    expect(await block.locator('progress').getAttribute('value')).toBe('100');
    expect(await block.locator('.upload-message').textContent()).toContain('100%');
    const materials = await ctx.app.http
      .get(`${seed.base}/presentations/${presentationId}/materials`)
      .set('Authorization', auth)
      .expect(200);
    expect(materials.body.items).toEqual([expect.objectContaining({ version: 1, fileName: 'joint-results.pdf', type: 'pdf' })]);
    await screenshot(page, 'presenter-uploaded');

    const href = await block.locator('tr.version a').getAttribute('href');
    const download = await page.context().request.get(`${ctx.app.plenary.url}${href}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(pdfFile())).toBe(true);
  });

  it('keeps what was typed and shows the errors beside the fields, and still passes axe', async () => {
    const page = await open(links[IGNACIO]);
    const block = page.locator(`#presentation-${presentationId}`);
    const before = await organiserView();
    const longResults = 'x'.repeat(5001);
    await block.getByLabel('Title').fill('');
    await block.getByLabel('Purpose').fill('A purpose typed but not saved');
    await block.getByLabel('Results').fill(longResults);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      block.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(response.status()).toBe(400);
    await page.locator(`#p-${presentationId}-title-error`).waitFor();
    expect(await page.textContent(`#p-${presentationId}-title-error`)).toBe('Please enter the title of your presentation.');
    expect(await page.textContent(`#p-${presentationId}-results-error`)).toBe('This is too long: at most 5000 characters.');
    expect(await block.getByLabel('Purpose').inputValue()).toBe('A purpose typed but not saved');
    expect(await block.getByLabel('Results').inputValue()).toBe(longResults);
    expect(await block.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'presenter-errors');
    const after = await organiserView();
    expect(after.title).toBe(before.title);
    expect(after.sections).toEqual(before.sections);
  });

  it('refuses a post without the CSRF value and changes nothing', async () => {
    const page = await open(links[IGNACIO]);
    const before = await organiserView();
    const refused = await page
      .context()
      .request.post(`${ctx.app.plenary.url}/presenter/presentations/${presentationId}`, { form: { title: 'Taken over' } });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('not sent from this site');
    const declined = await page.context().request.post(`${ctx.app.plenary.url}/presenter/presentations/${presentationId}/decline`, {
      form: { reason: 'forged' },
    });
    expect(declined.status()).toBe(403);
    expect((await organiserView()).title).toBe(before.title);
    const invitations = await ctx.app.http.get(`/presentations/${presentationId}/invitations`).set('Authorization', auth).expect(200);
    expect(invitations.body.items.find((p: { email: string }) => p.email === IGNACIO).status).toBe('confirmed');
  });

  it('answers an invalid link, or no link at all, with the link-invalid page', async () => {
    const context = await browsers.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const invalid = await page.goto(`${ctx.app.plenary.url}/presenter?token=${'A'.repeat(43)}`);
    expect(invalid?.status()).toBe(401);
    expect(await page.textContent('main')).toContain('This link is invalid, has expired or was replaced');
    const none = await page.goto(`${ctx.app.plenary.url}/presenter`);
    expect(none?.status()).toBe(401);
  });

  it('offers a presenter whose link no longer works a new one by email, in the page’s language', async () => {
    const context = await browsers.newContext();
    contexts.push(context);
    const page = await context.newPage();
    // The invitation took the address's once-a-minute slot; that minute has passed.
    await ctx.db.query(`UPDATE magic_link_resends SET last_sent_at = now() - interval '2 minutes'`);
    const before = ctx.smtp.for(MARTA).length;

    expect((await page.goto(`${ctx.app.plenary.url}/presenter?token=${'A'.repeat(43)}&lang=es`))?.status()).toBe(401);
    expect(await page.locator('h1').textContent()).toBe('Este enlace ya no funciona');
    await page.getByRole('link', { name: 'Enviarme un nuevo enlace' }).click();
    await page.waitForURL('**/presenter/new-link');
    expect(await page.locator('h1').textContent()).toBe('Reciba un nuevo enlace a su página de ponente');
    // Presenters are invited before an event has a public page: the address alone.
    expect(await page.getByLabel('Dirección de la página del evento').count()).toBe(0);
    await page.getByLabel('Correo electrónico').fill(MARTA);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enviar el enlace' }).click();
    await page.locator('h1', { hasText: 'Revise su correo' }).waitFor();
    await screenshot(page, 'presenter-new-link-sent-es');

    await ctx.smtp.waitForMail(MARTA, before + 1);
    const portal = await open(linkIn(MARTA));
    expect(await portal.locator(`#presentation-${presentationId}`).count()).toBe(1);
  });

  it('shows a Spanish presenter the portal in Spanish', async () => {
    const page = await open(`${links[MARTA]}&lang=es`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('h1').textContent()).toBe('Sus presentaciones');
    expect(await page.textContent('main')).toContain('Todas las horas están en Europe/Brussels.');
    const block = page.locator(`#presentation-${presentationId}`);
    expect(await block.getByRole('button', { name: 'Confirmar: presentaré' }).count()).toBe(1);
    expect(await block.getByLabel('Resultados').inputValue()).toBe(SECTIONS.results);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'presenter-portal-es');
  });

  it('refuses a file of a type it does not accept, with the accepted types stated', async () => {
    const page = await open(links[MARTA]);
    const block = page.locator(`#presentation-${presentationId}`);
    await block
      .getByLabel('File to upload')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some notes') });
    await block.getByRole('button', { name: 'Upload', exact: true }).click();
    await block.locator('.upload-message.failed').waitFor();
    expect(await block.locator('.upload-message').textContent()).toContain('This file cannot be accepted. Accepted types: PDF');
    expect(await block.locator('tr.version').count()).toBe(1);
  });

  it('uploads without JavaScript as a plain form, back to the portal with a notice', async () => {
    const page = await open(links[MARTA], { javaScriptEnabled: false });
    const block = page.locator(`#presentation-${presentationId}`);
    await block.getByLabel('File to upload').setInputFiles({ name: 'map.png', mimeType: 'image/png', buffer: pngFile() });
    await block.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('notice') === 'uploaded');
    expect(await block.locator('[role=status]').textContent()).toBe('Your file was uploaded.');
    expect(await block.locator('tr.version').first().textContent()).toContain('map.png');
    expect(await block.locator('tr.version').count()).toBe(2);

    await block.getByLabel('File to upload').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      block.getByRole('button', { name: 'Upload', exact: true }).click(),
    ]);
    expect(response.status()).toBe(415);
    await page.locator(`#p-${presentationId}-file-error`).waitFor();
    expect(await page.textContent(`#p-${presentationId}-file-error`)).toContain('Accepted types: PDF');
  });
});
