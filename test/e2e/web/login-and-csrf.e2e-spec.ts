import request from 'supertest';
import { ADMIN } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/** The value of a Set-Cookie header for `name`, with its attributes. */
function setCookie(response: request.Response, name: string): string | undefined {
  const headers = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  return headers.find((header) => header.startsWith(`${name}=`));
}

function cookieValue(header: string | undefined): string {
  return (header ?? '').split(';')[0].split('=').slice(1).join('=');
}

describe('organiser login pages and CSRF', () => {
  const ctx = useTestApp();

  async function loginForm(agent: ReturnType<typeof request.agent>) {
    const page = await agent.get('/login').expect(200);
    const csrf = /name=["']_csrf["'] value=["']([^"']+)["']/.exec(page.text)?.[1];
    expect(csrf).toBeTruthy();
    return { page, csrf: csrf as string };
  }

  it('sends an anonymous dashboard visitor to the login page and back after logging in', async () => {
    const agent = request.agent(ctx.app.plenary.url as string);
    const redirect = await agent.get('/dashboard').expect(303);
    expect(redirect.headers.location).toBe('/login?next=%2Fdashboard');

    const { page, csrf } = await loginForm(agent);
    // The first page the visitor saw (the redirect) already set the CSRF cookie.
    expect(setCookie(redirect, 'plenary_csrf') ?? setCookie(page, 'plenary_csrf')).toMatch(/HttpOnly/i);
    const loggedIn = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, email: ADMIN.email, password: ADMIN.password, next: '/dashboard' })
      .expect(303);
    expect(loggedIn.headers.location).toBe('/dashboard');
    const session = setCookie(loggedIn, 'plenary_session');
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    // PUBLIC_URL is http in tests: Secure would stop the browser from sending it at all.
    expect(session).not.toMatch(/Secure/i);

    // The cookie is an organiser login, the same one the API accepts as a bearer token.
    const token = cookieValue(session);
    await ctx.app.http.get('/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('shows a wrong password beside the form, keeps the email and sets no session', async () => {
    const agent = request.agent(ctx.app.plenary.url as string);
    const { csrf } = await loginForm(agent);
    const response = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, email: ADMIN.email, password: 'not-the-password' })
      .expect(400);
    expect(response.text).toContain('The email address or password is wrong');
    // No field is marked, so the summary does not point to any.
    expect(response.text).not.toContain('fields marked below');
    expect(response.text).not.toContain('aria-invalid');
    expect(response.text).toContain(`value="${ADMIN.email}"`);
    expect(setCookie(response, 'plenary_session')).toBeUndefined();
  });

  it("refuses a form posted without its CSRF value, or with another visitor's", async () => {
    const agent = request.agent(ctx.app.plenary.url as string);
    await loginForm(agent);
    const missing = await agent.post('/login').type('form').send({ email: ADMIN.email, password: ADMIN.password }).expect(403);
    expect(missing.headers['content-type']).toMatch(/text\/html/);
    expect(setCookie(missing, 'plenary_session')).toBeUndefined();

    const other = request.agent(ctx.app.plenary.url as string);
    const { csrf: othersValue } = await loginForm(other);
    await agent.post('/login').type('form').send({ _csrf: othersValue, email: ADMIN.email, password: ADMIN.password }).expect(403);
  });

  it('never redirects a login to another site', async () => {
    const agent = request.agent(ctx.app.plenary.url as string);
    const { csrf } = await loginForm(agent);
    const response = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, email: ADMIN.email, password: ADMIN.password, next: '//evil.test/phish' })
      .expect(303);
    expect(response.headers.location).toBe('/dashboard');
  });

  it('ends the session on logout', async () => {
    const agent = request.agent(ctx.app.plenary.url as string);
    const { csrf } = await loginForm(agent);
    const loggedIn = await agent.post('/login').type('form').send({ _csrf: csrf, email: ADMIN.email, password: ADMIN.password });
    const token = cookieValue(setCookie(loggedIn, 'plenary_session'));
    await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
    await ctx.app.http.get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await agent.get('/dashboard').expect(303);
  });

  it('serves the stylesheet and sends a content security policy without inline scripts', async () => {
    const page = await ctx.app.http.get('/login').expect(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    await ctx.app.http
      .get('/assets/plenary.css')
      .expect(200)
      .expect('Content-Type', /text\/css/);
  });
});
