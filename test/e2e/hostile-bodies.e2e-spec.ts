import { createOpenEvent, daysFromNow } from '../support/future-event';
import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';

/** `{"email": [[[…]]]}` nested `depth` levels below the body. */
function nestedBody(depth: number): string {
  return `{"email":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

describe('bodies built to hurt the server', () => {
  const ctx = useTestApp();

  it.each([3_000, 10_000, 100_000])('answers a body nested %i levels deep with 400 and keeps serving', async (depth) => {
    const publicAnswer = await ctx.app.http.post('/auth/login').set('Content-Type', 'application/json').send(nestedBody(depth)).expect(400);
    expect(publicAnswer.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(publicAnswer.body.detail).toMatch(/nested more than \d+ levels/);
    expect(publicAnswer.body.errors[0].field).toMatch(/^email(\[0\])+$/);

    const admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    await ctx.app.http
      .post('/events')
      .set('Authorization', admin)
      .set('Content-Type', 'application/json')
      .send(nestedBody(depth))
      .expect(400);

    await ctx.app.http.get('/health').expect(200);
  });

  it('reads query strings and form bodies flat, however deep their brackets go', async () => {
    const brackets = '[a]'.repeat(2_000);
    const admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const listed = await ctx.app.http.get(`/events?limit=1&filter${brackets}=1`).set('Authorization', admin).expect(200);
    expect(listed.body.items).toEqual(expect.any(Array));
    const form = await ctx.app.http.post('/login').type('form').send(`email${brackets}=a%40b.test&password=x`);
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    await ctx.app.http.get('/health').expect(200);
  });

  it('still takes an ordinary nested body and names NUL inside it', async () => {
    const response = await ctx.app.http
      .post('/auth/login')
      .send({ email: 'a@b.test', password: ['x', { deep: 'a\u0000b' }] })
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'password[1].deep', message: 'contains the NUL character' }]);
  });
});

describe('numbers beyond what their columns hold', () => {
  const ctx = useTestApp();
  const INT4_OVERFLOW = 2_147_483_648;
  let auth: string;
  let base: string;
  let sessionId: string;
  let presentationId: string;
  let questionId: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const event = await createOpenEvent(ctx.app.http, auth);
    base = `/events/${event.id}`;
    const session = await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Joint results', kind: 'presentations', startsAt: daysFromNow(30, '10:00'), endsAt: daysFromNow(30, '11:00') })
      .expect(201);
    sessionId = session.body.id;
    const presentation = await ctx.app.http
      .post(`${base}/presentations`)
      .set('Authorization', auth)
      .send({ title: 'Piura and Andalucía', sessionId })
      .expect(201);
    presentationId = presentation.body.id;
    const question = await ctx.app.http
      .post(`${base}/questions`)
      .set('Authorization', auth)
      .send({ key: 'diet', label: 'Diet', type: 'text' })
      .expect(201);
    questionId = question.body.id;
  });

  it.each<[string, string, string, () => Record<string, unknown>]>([
    ['POST', 'questions', 'position', () => ({ key: 'size', label: 'Size', type: 'text', position: INT4_OVERFLOW })],
    ['PATCH', 'questions/:questionId', 'position', () => ({ position: INT4_OVERFLOW })],
    ['POST', 'presentations', 'position', () => ({ title: 'Far away', sessionId, position: INT4_OVERFLOW })],
    ['PATCH', 'presentations/:presentationId', 'position', () => ({ position: INT4_OVERFLOW })],
    ['POST', 'rooms', 'capacity', () => ({ name: 'Hall', capacity: INT4_OVERFLOW })],
    ['PATCH', 'sessions/:sessionId', 'capacity', () => ({ capacity: INT4_OVERFLOW })],
    ['PATCH', '', 'capacity', () => ({ capacity: INT4_OVERFLOW })],
    [
      'POST',
      'reminder-rules',
      'offsetMinutes',
      () => ({ name: 'Far', anchor: 'event_start', offsetMinutes: -INT4_OVERFLOW, audience: 'confirmed' }),
    ],
    ['POST', 'outcomes', 'position', () => ({ label: 'missions', value: 40, position: INT4_OVERFLOW })],
    ['POST', 'highlights', 'position', () => ({ quote: 'Worth it', position: INT4_OVERFLOW })],
  ])('%s /events/:eventId/%s: %s beyond int4 answers 400 naming it', async (method, path, field, body) => {
    const ids: Record<string, string> = { questionId, presentationId, sessionId };
    const url = [base, path.replace(/:(\w+)/, (_, name: string) => ids[name])].filter(Boolean).join('/');
    const response = await ctx.app.http[method === 'POST' ? 'post' : 'patch'](url).set('Authorization', auth).send(body()).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toContainEqual({ field, message: expect.any(String) });
  });

  it('answers a page size beyond its range with 400 naming limit', async () => {
    const response = await ctx.app.http.get(`${base}/registrations?limit=${INT4_OVERFLOW}`).set('Authorization', auth).expect(400);
    expect(response.body.errors).toContainEqual({ field: 'limit', message: expect.any(String) });
  });

  it.each(['2147483648', '99999999999999999999', '0', '-1', '1.5', 'one'])('answers agenda version %s with 404', async (number) => {
    const response = await ctx.app.http.get(`${base}/agenda/versions/${number}`).set('Authorization', auth).expect(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('refuses a position for a presentation outside any session instead of dropping it', async () => {
    const response = await ctx.app.http
      .post(`${base}/presentations`)
      .set('Authorization', auth)
      .send({ title: 'Unplaced', position: 2 })
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'position', message: expect.stringMatching(/session/) }]);
    const listed = await ctx.app.http.get(`${base}/presentations`).set('Authorization', auth).expect(200);
    expect(listed.body.items.map((p: { title: string }) => p.title)).not.toContain('Unplaced');
  });

  it('takes the largest position a column holds and places it last', async () => {
    const response = await ctx.app.http
      .post(`${base}/presentations`)
      .set('Authorization', auth)
      .send({ title: 'Last of all', sessionId, position: INT4_OVERFLOW - 1 })
      .expect(201);
    const inSession = await ctx.app.http.get(`${base}/presentations?sessionId=${sessionId}`).set('Authorization', auth).expect(200);
    expect(response.body.position).toBe(inSession.body.items.length);
  });
});
