import { ADMIN, login, startTestApp, testEnv } from '../support/test-app';
import { SmtpSink } from '../support/smtp-sink';
import { useTestApp } from '../support/use-test-app';

describe('operations endpoints', () => {
  const ctx = useTestApp();

  it('reports the database, the queue and the SMTP transport in /health', async () => {
    const health = await ctx.app.http.get('/health').expect(200);
    expect(health.body).toEqual({
      status: 'ok',
      checks: { database: { status: 'up' }, queue: { status: 'up' }, mail: { status: 'up', transport: 'smtp' } },
      workers: { alive: 1, lastHeartbeatAt: expect.any(String), maintenance: expect.any(Array) },
    });
  });

  it('answers 503 naming the mail transport when the SMTP server is gone', async () => {
    const gone = await new SmtpSink().start();
    const url = gone.url;
    await gone.stop();
    const other = await startTestApp(testEnv(ctx.db.url, url));
    try {
      const health = await other.http.get('/health').expect(503);
      expect(health.body.checks.mail.status).toBe('down');
      expect(health.body.checks.database.status).toBe('up');
    } finally {
      await other.stop();
    }
  });

  it('serves the OpenAPI UI and its JSON, generated from the routes and their schemas', async () => {
    await ctx.app.http.get('/docs').expect(200).expect('Content-Type', /html/);
    const spec = await ctx.app.http.get('/docs-json').expect(200);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/auth/login', '/events', '/events/{eventId}/members']));
    const createEvent = spec.body.paths['/events'].post.requestBody.content['application/json'].schema;
    expect(createEvent.required).toEqual(expect.arrayContaining(['title', 'timezone', 'startsAt', 'endsAt']));
  });

  it('exposes Prometheus metrics with HTTP counts by route and queue depth', async () => {
    await ctx.app.http.get('/health').expect(200);
    const metrics = await ctx.app.http.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/plenary_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
    expect(metrics.text).toMatch(/plenary_queue_jobs\{queue="mail",state="waiting"\} \d+/);
  });

  it('answers unknown routes with problem+json 404 and echoes a request id', async () => {
    const response = await ctx.app.http.get('/no-such-thing').set('X-Request-Id', 'trace-123').expect(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.headers['x-request-id']).toBe('trace-123');
    expect(response.body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 });
  });

  it('answers a method a known path does not serve with problem+json 405 and the methods it does', async () => {
    const admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const login405 = await ctx.app.http.get('/auth/login').expect(405);
    expect(login405.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(login405.headers.allow).toBe('OPTIONS, POST');
    expect(login405.body).toMatchObject({ title: 'Method Not Allowed', status: 405 });

    const event = await ctx.app.http
      .post('/events')
      .set('Authorization', admin)
      .send({ title: 'Methods', timezone: 'Europe/Brussels', startsAt: '2030-10-08T09:00', endsAt: '2030-10-09T17:00' })
      .expect(201);
    const deleted = await ctx.app.http.delete(`/events/${event.body.id}/agenda/versions`).set('Authorization', admin).expect(405);
    expect(deleted.headers.allow).toBe('GET, HEAD, OPTIONS, POST');
    await ctx.app.http.put('/no-such-thing').expect(404);
  });

  it('compresses text answers for clients that accept it, and leaves ranged requests alone', async () => {
    const gzipped = await ctx.app.http.get('/docs-json').set('Accept-Encoding', 'gzip').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Object.keys(gzipped.body.paths)).toContain('/auth/login');
    const page = await ctx.app.http.get('/docs').set('Accept-Encoding', 'br').expect(200);
    expect(page.headers['content-encoding']).toBe('br');

    const identity = await ctx.app.http.get('/docs-json').set('Accept-Encoding', 'identity').expect(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    const ranged = await ctx.app.http.get('/docs-json').set('Accept-Encoding', 'gzip').set('Range', 'bytes=0-99');
    expect(ranged.headers['content-encoding']).toBeUndefined();
  });

  it('shows /admin/queues to administrators only', async () => {
    const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
    const challenge = await ctx.app.http.get('/admin/queues').expect(401);
    expect(challenge.headers['www-authenticate']).toMatch(/^Basic/);
    await ctx.app.http.get('/admin/queues').set('Authorization', basic(ADMIN.email, 'wrong-password')).expect(401);

    const admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', admin)
      .send({ email: 'clara@region.test', name: 'Clara', password: 'clara-password-1' })
      .expect(201);
    await ctx.app.http.get('/admin/queues').set('Authorization', basic('clara@region.test', 'clara-password-1')).expect(403);

    const page = await ctx.app.http.get('/admin/queues').set('Authorization', basic(ADMIN.email, ADMIN.password)).expect(200);
    expect(page.text).toContain('Plenary queues');
    const api = await ctx.app.http.get('/admin/queues/api/queues').set('Authorization', admin).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['certificates', 'mail', 'reminders', 'reports']);
  });
});
