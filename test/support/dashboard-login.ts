import { BrowserContext, Page } from 'playwright-core';

/** Opens an organiser page in a fresh tab, logging in on the way, and waits until the page itself is shown. */
export async function logInTo(context: BrowserContext, baseUrl: string, email: string, password: string, path: string): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(`${baseUrl}${path}`);
  await tab.waitForURL((u) => u.pathname === '/login');
  await tab.getByLabel('Email address').fill(email);
  await tab.getByLabel('Password').fill(password);
  await tab.getByRole('button', { name: 'Log in' }).click();
  await tab.waitForURL((u) => u.pathname === new URL(path, baseUrl).pathname);
  return tab;
}
