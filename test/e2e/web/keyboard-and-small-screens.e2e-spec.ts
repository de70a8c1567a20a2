import type { Page } from 'playwright-core';
import { screenshot, useBrowser } from '../../support/browser';
import { createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/** Whatever the page, nothing may be wider than a phone's screen (no sideways scrolling). */
async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const { document, window } = globalThis as unknown as {
      document: { documentElement: { scrollWidth: number } };
      window: { innerWidth: number };
    };
    return document.documentElement.scrollWidth > window.innerWidth;
  });
}

async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { id: string; textContent: string | null } | null } }).document
      .activeElement;
    return active?.id || (active?.textContent ?? '').trim();
  });
}

describe('pages on a phone and with the keyboard alone', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let slug: string;
  let eventId: string;
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const event = await createOpenEvent(ctx.app.http, auth);
    eventId = event.id;
    slug = (await ctx.app.http.get(`/events/${event.id}`).set('Authorization', auth).expect(200)).body.slug;
  });

  it('fits the public, registration and login pages into a 360-pixel-wide screen', async () => {
    const context = await browsers.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    for (const path of [`/e/${slug}`, `/e/${slug}/register`, '/login']) {
      await page.goto(`${ctx.app.plenary.url}${path}`);
      expect({ path, overflows: await overflowsSideways(page) }).toEqual({ path, overflows: false });
    }
    await page.goto(`${ctx.app.plenary.url}/e/${slug}/register`);
    await screenshot(page, 'phone-registration-form');
    await context.close();
  });

  it('registers with the keyboard alone: skip link first, fields in reading order, Enter submits', async () => {
    const context = await browsers.newContext();
    const page = await context.newPage();
    await page.goto(`${ctx.app.plenary.url}/e/${slug}/register`);

    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('content');

    const typed: Array<[string, string]> = [
      ['f-name', 'Teresa Keyboard'],
      ['f-email', 'teresa.keyboard@region.test'],
      ['f-organisation', 'Región de Ñuble'],
      ['f-organisationType', 'Public authority'],
      ['f-region', 'Ñuble'],
      ['f-countryCode', 'Chile'],
    ];
    for (const [id, value] of typed) {
      // Links in the page's text come before the form; the fields then follow in the order they are read.
      for (let presses = 0; presses < 10 && (await focusedId(page)) !== id; presses += 1) await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe(id);
      await page.keyboard.type(value);
    }
    for (let presses = 0; presses < 10 && (await focusedId(page)) !== 'Register'; presses += 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/e/${slug}/registered`);

    const list = await ctx.app.http.get(`/events/${eventId}/registrations?q=teresa.keyboard`).set('Authorization', auth).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      status: 'confirmed',
      organisationType: 'public_authority',
      countryCode: 'CL',
      region: 'Ñuble',
    });
    await context.close();
  });
});
