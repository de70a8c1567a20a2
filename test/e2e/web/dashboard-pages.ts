import request from 'supertest';

/** An organiser's browser without the browser: a cookie jar logged in through the login form, and the CSRF value its forms carry. */
export interface DashboardAgent {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  /** Posts a form as the page would, with its CSRF value. */
  post(path: string, fields: Record<string, string>): request.Test;
}

export async function logInAgent(baseUrl: string, email: string, password: string): Promise<DashboardAgent> {
  const agent = request.agent(baseUrl);
  const page = await agent.get('/login').expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
  await agent.post('/login').type('form').send({ _csrf: csrf, email, password }).expect(303);
  return {
    agent,
    csrf,
    post: (path, fields) =>
      agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...fields }),
  };
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');
}

/** The message shown beside a field (the field partial's `f-<name>-error`), or undefined. */
export function errorBeside(html: string, field: string): string | undefined {
  const match = new RegExp(`id="f-${field.replace(/[.[\]]/g, '\\$&')}-error">([^<]*)<`).exec(html);
  return match ? unescape(match[1]) : undefined;
}

/** The value an input shows, by its name. */
export function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0];
  const value = tag ? /\bvalue="([^"]*)"/.exec(tag)?.[1] : undefined;
  return value === undefined ? undefined : unescape(value);
}

/** A textarea's text, by its name. */
export function textareaValue(html: string, name: string): string | undefined {
  const match = new RegExp(`<textarea[^>]*\\bname="${name}"[^>]*>([^<]*)</textarea>`).exec(html);
  return match ? unescape(match[1]) : undefined;
}

/** Whether a checkbox of that name is ticked. */
export function isChecked(html: string, name: string): boolean {
  const tag = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0];
  return Boolean(tag && /\bchecked\b/.test(tag));
}

/** The page's visible text, tags removed and whitespace folded, for assertions on what a reader sees. */
export function pageText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html;
  return unescape(main.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
