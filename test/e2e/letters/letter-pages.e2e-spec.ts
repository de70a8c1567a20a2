import { readFileSync } from 'node:fs';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { logInTo } from '../../support/dashboard-login';
import { createOpenEvent } from '../../support/future-event';
import { pdfText } from '../../support/pdf-text';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';
import { registeredAttendee } from '../web/attendee-support';

describe('visa letter pages', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  it('lets a Peruvian attendee ask in Spanish, has an organiser issue it from the dashboard, shows the issued letter, and lets a consulate check it and a passport number', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, {
      venue: 'Bruselas',
      startsAt: '2027-03-09T09:00',
      endsAt: '2027-03-10T17:30',
    });
    const { email, link } = await registeredAttendee(ctx, event.id, { name: 'Rosa Huamán', language: 'es', countryCode: 'PE' });
    const context = await browsers.newContext({ locale: 'es-PE' });
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForURL((url) => url.pathname === '/my-registration');
    await page.getByRole('link', { name: 'Solicitar una carta' }).click();
    await page.waitForURL('**/my-registration/letter');
    expect(await page.inputValue('#f-passportName')).toBe('Rosa Huamán');
    await page.getByLabel('Número de pasaporte').fill('1234');
    await page.getByRole('button', { name: 'Enviar mi solicitud' }).click();
    await page.locator('#f-passportNumber-error').waitFor();
    expect(await page.inputValue('#f-passportNumber')).toBe('');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Número de pasaporte').fill('PE 998877');
    await page.getByLabel('Pasaporte válido hasta').fill('2030-01-31');
    await page.getByLabel('Fecha de nacimiento').fill('1990-07-14');
    await page.getByLabel('Ciudad').fill('Lima');
    await page.getByRole('button', { name: 'Enviar mi solicitud' }).click();
    await page.waitForURL('**/my-registration?done=letter#letter');
    expect(await page.textContent('[role="status"]')).toContain('Su solicitud está en manos de los organizadores');
    expect(await page.textContent('#letter-status')).toBe('Pendiente de los organizadores');
    await screenshot(page, 'attendee-letter-requested');

    const [request] = (await ctx.app.http.get(`/events/${event.id}/letters`).set('Authorization', auth).expect(200)).body.items;
    expect(request).toMatchObject({ passportName: 'Rosa Huamán', nationality: 'PE', consulateCountry: 'PE', passportNumber: '••••••77' });
    const dashboard = await logInTo(
      await browsers.newContext(),
      ctx.app.plenary.url ?? '',
      ADMIN.email,
      ADMIN.password,
      `/dashboard/events/${event.id}/letters`,
    );
    const row = dashboard.locator(`tr[data-letter-id="${request.id}"]`);
    expect(await row.textContent()).toContain('••••••77');
    expect(await seriousA11yViolations(dashboard)).toEqual([]);
    await screenshot(dashboard, 'dashboard-letters');
    await row.getByRole('button', { name: /Issue the letter/ }).click();
    await dashboard.locator('[role="status"]', { hasText: 'The letter is issued' }).waitFor();
    expect(await dashboard.locator(`tr[data-letter-id="${request.id}"]`).textContent()).toContain('Issued');
    await dashboard.context().close();
    await waitFor('the letter email', () => (ctx.smtp.for(email).some((m) => m.parsed.attachments.length > 0) ? true : null));

    await page.reload();
    expect(await page.textContent('#letter-status')).toBe('Expedida');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Descargar la carta (PDF)' }).click();
    const pdfPath = await (await download).path();
    const text = await pdfText(readFileSync(pdfPath));
    expect(text).toContain('Rosa Huamán');
    await context.close();

    const consulate = await (await browsers.newContext({ locale: 'es-PE' })).newPage();
    await consulate.goto(request.verificationUrl.replace('http://plenary.test', ctx.app.plenary.url ?? ''));
    expect(await consulate.textContent('#letter-name')).toBe('Rosa Huamán');
    expect(await consulate.textContent('#letter-status')).toContain('Válida');
    expect(await consulate.content()).not.toContain('998877');
    await consulate.getByRole('textbox', { name: /Número de pasaporte/ }).fill('pe998877');
    await consulate.getByRole('button', { name: 'Comprobar' }).click();
    expect(await consulate.textContent('#passport-result')).toBe('El número de pasaporte coincide con la carta.');
    await consulate.getByRole('textbox', { name: /Número de pasaporte/ }).fill('PE998878');
    await consulate.getByRole('button', { name: 'Comprobar' }).click();
    expect(await consulate.textContent('#passport-result')).toBe('El número de pasaporte no coincide con la carta.');
    expect(await seriousA11yViolations(consulate)).toEqual([]);
    await screenshot(consulate, 'letter-verification');

    const wrong = await ctx.app.http.get(new URL(request.verificationUrl).pathname).query({ t: 'not-the-token' }).expect(404);
    expect(wrong.text).toContain('Check the address printed on the letter');
    await consulate.context().close();
  });

  it('lets a visitor tick "I need a visa invitation letter" on the registration form, which reveals the passport fields, and register with the request', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { startsAt: '2027-05-11T09:00', endsAt: '2027-05-12T17:30' });
    await ctx.app.http
      .put(`/events/${event.id}/letter-settings`)
      .set('Authorization', auth)
      .send({ letterhead: '', signatoryName: 'Hélène Dupré', signatoryTitle: 'Secretary-General' })
      .expect(200);
    const { slug } = (await ctx.app.http.get(`/events/${event.id}`).set('Authorization', auth).expect(200)).body;
    const context = await browsers.newContext({ locale: 'pt-BR' });
    const page = await context.newPage();
    const refusedByPolicy: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) refusedByPolicy.push(message.text());
    });
    await page.goto(`${ctx.app.plenary.url ?? ''}/e/${slug}/register`);
    const passportNumber = page.getByLabel('Número do passaporte');
    expect(await passportNumber.isVisible()).toBe(false);
    await page.getByLabel('Preciso de uma carta-convite para visto').check();
    expect(await passportNumber.isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const email = `joao-${Date.now()}@region.test`;
    await page.getByLabel('Nome completo').fill('João Silva Santos');
    await page.getByLabel('Endereço de email').fill(email);
    await page.locator('#f-organisation').fill('Governo do Estado do Pará');
    await page.getByLabel('Tipo de organização').selectOption('public_authority');
    await page.getByLabel('Região').fill('Pará');
    await page.locator('#f-countryCode').selectOption('BR');
    await page.getByLabel('Nome como no passaporte').fill('JOAO SILVA SANTOS');
    await page.getByLabel('Nacionalidade').selectOption('BR');
    await passportNumber.fill('FX123456');
    await page.getByLabel('Passaporte válido até').fill('2029-08-31');
    await page.getByLabel('Data de nascimento').fill('1979-02-20');
    await page.getByLabel('Cidade').fill('Brasília');
    await page.locator('#f-consulateCountry').selectOption('BR');
    await screenshot(page, 'attendee-register-with-letter');
    await page.getByRole('button', { name: 'Inscrever-me' }).click();
    await page.waitForURL(`**/e/${slug}/registered?status=confirmed&letter=requested`);
    expect(await page.textContent('#letter-outcome')).toContain('Recebemos o seu pedido de carta-convite para visto');
    expect(await page.content()).not.toContain('FX123456');
    expect(refusedByPolicy).toEqual([]);
    await context.close();

    const [request] = (await ctx.app.http.get(`/events/${event.id}/letters`).set('Authorization', auth).expect(200)).body.items;
    expect(request).toMatchObject({
      status: 'requested',
      passportName: 'JOAO SILVA SANTOS',
      nationality: 'BR',
      passportNumber: '••••••56',
      attendee: { name: 'João Silva Santos', email },
    });
  });
});
