import request from 'supertest';

export type Agent = ReturnType<typeof request.agent>;

/**
 * A cookie-keeping client logged in through the login form, in `language`,
 * with the CSRF value its forms carry; `post` sends a form with that value.
 */
export async function organiserAgent(baseUrl: string, email: string, password: string, language = 'en') {
  const agent = request.agent(baseUrl);
  const page = await agent.get('/login').set('Accept-Language', language).expect(200);
  const csrf = /name=["']_csrf["'] value=["']([^"']+)["']/.exec(page.text)?.[1] as string;
  await agent.post('/login').type('form').send({ _csrf: csrf, email, password, next: '/dashboard' }).expect(303);
  const get = (path: string) => agent.get(path).set('Accept-Language', language);
  const post = (path: string, form: Record<string, string | string[]> = {}, withCsrf = true) =>
    agent
      .post(path)
      .set('Accept-Language', language)
      .type('form')
      .send(withCsrf ? { ...form, _csrf: csrf } : form);
  return { agent, get, post };
}

/** The messages shown beside fields, by field id. */
export function fieldErrors(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<p class="field-error" id="([^"]+)-error">([^<]*)<\/p>/g)].map((m) => [m[1], m[2]]));
}

/** Decodes the few entities Handlebars writes, to compare page text with what was typed. */
export function unescape(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');
}
