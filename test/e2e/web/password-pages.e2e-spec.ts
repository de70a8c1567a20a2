import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';

describe('organiser password pages', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();

  it('resets a forgotten password from the login page through the emailed link, which then stops working', async () => {
    const admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', admin)
      .send({ email: 'clara@region.test', name: 'Clara', password: 'clara-password-1' })
      .expect(201);
    const base = ctx.app.plenary.url as string;
    const context = await browsers.newContext();
    const page = await context.newPage();

    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.getByLabel('Email address').fill('clara@region.test');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText('a link to choose a new password is on its way').waitFor();

    const [mail] = await ctx.smtp.waitForMail('clara@region.test');
    const link = /http:\/\/plenary\.test(\/reset-password\?token=\S+)/.exec(mail.text);
    expect(link).not.toBeNull();
    await page.goto(`${base}${link![1]}`);
    // The token leaves the address bar (and the history) on the first visit.
    expect(new URL(page.url()).search).toBe('');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('New password').fill('clara-password-2');
    await page.getByLabel('The same password again').fill('clara-password-X');
    await page.getByRole('button', { name: 'Save the password' }).click();
    expect(await page.locator('#f-confirm-error').textContent()).toBe('The two passwords are not the same.');
    await screenshot(page, 'password-mismatch');

    await page.getByLabel('New password').fill('clara-password-2');
    await page.getByLabel('The same password again').fill('clara-password-2');
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.waitForURL(/\/login\?passwordSet=1$/);
    await page.getByText('Your password is set').waitFor();
    await page.getByLabel('Email address').fill('clara@region.test');
    await page.getByLabel('Password').fill('clara-password-2');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    await login(ctx.app.http, 'clara@region.test', 'clara-password-2');

    const again = await browsers.newContext();
    const second = await again.newPage();
    await second.goto(`${base}${link![1]}`);
    expect(await second.locator('h1').textContent()).toBe('This link no longer works');
    await context.close();
    await again.close();
  });
});
