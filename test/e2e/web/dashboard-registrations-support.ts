import request from 'supertest';

export type Agent = ReturnType<typeof request.agent>;

/** The CSRF value a page's forms carry. */
export function csrfOf(html: string): string {
  const value = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!value) throw new Error('the page carries no CSRF value');
  return value;
}

/** A browser-like client logged in through the login page, with its cookies and the CSRF value of its forms. */
export async function organiserAgent(baseUrl: string, email: string, password: string): Promise<{ agent: Agent; csrf: string }> {
  const agent = request.agent(baseUrl);
  const page = await agent.get('/login').expect(200);
  const csrf = csrfOf(page.text);
  await agent.post('/login').type('form').send({ _csrf: csrf, email, password, next: '/dashboard' }).expect(303);
  return { agent, csrf };
}

/** The page's text as a reader sees it: tags dropped, entities of apostrophes and quotes read, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#x3D;/g, '=')
    .replace(/\s+/g, ' ');
}
