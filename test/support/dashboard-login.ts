import { BrowserContext, Page } from 'playwright-core';

/** Opens an organiser page in a fresh tab, logging in on the way, and waits until the page itself is shown. */
export async function logInTo(context: BrowserContext, baseUrl: string, email: string, password: string, path: string): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(`${baseUrl}${path}`);
  await tab.waitForURL((u) => u.pathname === '/login');
  // By the fields' names: the form is in the browser's language, which a test may have set to any.
  const form = tab.locator('form[action="/login"]');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await tab.waitForURL((u) => u.pathname === new URL(path, baseUrl).pathname);
  return tab;
}
