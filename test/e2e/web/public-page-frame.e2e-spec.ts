import request from 'supertest';
import { attendee, createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { myRegistrationLink } from './attendee-support';

const brandHref = (html: string) => /<a class="brand" href="([^"]*)"/.exec(html)?.[1] ?? '(no linked logo)';
const metaDescription = (html: string) => /<meta name="description" content="([^"]*)">/.exec(html)?.[1] ?? '(no meta description)';

describe('the frame of the public pages', () => {
  const ctx = useTestApp();
  let slug: string;
  let eventId: string;

  beforeAll(async () => {
    const auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const event = await createOpenEvent(ctx.app.http, auth, {
      description: `Regions of the EU and Latin America present the joint results of a year of cooperation. ${'Missions, pilot projects and joint action plans. '.repeat(5)}`,
    });
    eventId = event.id;
    slug = (await ctx.app.http.get(`/events/${event.id}`).set('Authorization', auth).expect(200)).body.slug;
  });

  it('leads the logo of attendee pages back to the event page, not to the organisers', async () => {
    const eventPage = await ctx.app.http.get(`/e/${slug}`).expect(200);
    expect(brandHref(eventPage.text)).toBe(`/e/${slug}`);
    const form = await ctx.app.http.get(`/e/${slug}/register`).expect(200);
    expect(brandHref(form.text)).toBe(`/e/${slug}`);

    const person = attendee();
    await ctx.app.http.post(`/events/${eventId}/registrations`).send(person).expect(201);
    const [mail] = await ctx.smtp.waitForMail(person.email);
    const link = new URL(myRegistrationLink(ctx, mail.text));
    const mine = await request.agent(link.origin).get(`${link.pathname}${link.search}`).redirects(2).expect(200);
    expect(mine.text).toContain(person.name);
    expect(brandHref(mine.text)).toBe(`/e/${slug}`);

    const dashboard = await ctx.app.http.get('/login').expect(200);
    expect(brandHref(dashboard.text)).toBe('/dashboard');
  });

  it('describes the event page and its registration form for search results and shared links', async () => {
    for (const path of [`/e/${slug}`, `/e/${slug}/register`]) {
      const page = await ctx.app.http.get(path).expect(200);
      const description = metaDescription(page.text);
      expect(description).toMatch(/^Regions of the EU and Latin America present the joint results/);
      expect(description.length).toBeLessThanOrEqual(160);
      expect(description).toMatch(/\w…$/);
    }
  });
});
