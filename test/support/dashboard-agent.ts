import request from 'supertest';

export type DashboardAgent = ReturnType<typeof request.agent>;

/** The CSRF value a page's forms carry. */
export function csrfIn(html: string): string {
  const value = /name=["']_csrf["'] value=["']([^"']+)["']/.exec(html)?.[1];
  if (!value) throw new Error('no CSRF field in the page');
  return value;
}

/**
 * An organiser's browser as plain HTTP: a cookie jar logged in through the
 * login form, and `post` sending a page's form with the CSRF value it carries.
 */
export async function dashboardAgent(baseUrl: string, email: string, password: string) {
  const agent = request.agent(baseUrl);
  const form = await agent.get('/login').expect(200);
  const csrf = csrfIn(form.text);
  const loggedIn = await agent.post('/login').type('form').send({ _csrf: csrf, email, password, next: '/dashboard' }).expect(303);
  const session = ([] as string[]).concat(loggedIn.headers['set-cookie'] ?? []).find((c) => c.startsWith('plenary_session='));
  return {
    agent,
    csrf,
    /** The login cookie, for requests made without the agent (a download read as a stream). */
    cookie: (session ?? '').split(';')[0],
    get: (path: string) => agent.get(path),
    post: (path: string, fields: Record<string, string>) =>
      agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...fields }),
  };
}
