import { ADMIN } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';

describe('rate limit on login and public writes', () => {
  const ctx = useTestApp({ RATE_LIMIT_PER_MINUTE: '3' });

  it('answers 429 with Retry-After once a client address exceeds RATE_LIMIT_PER_MINUTE', async () => {
    for (let i = 0; i < 3; i++) {
      await ctx.app.http.post('/auth/login').send({ email: ADMIN.email, password: 'wrong-password' }).expect(401);
    }
    const limited = await ctx.app.http.post('/auth/login').send({ email: ADMIN.email, password: ADMIN.password }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });

  it('does not limit reads such as /health', async () => {
    for (let i = 0; i < 5; i++) await ctx.app.http.get('/health').expect(200);
  });
});

describe('rate limit while its Redis is unreachable', () => {
  // Nothing listens on port 1: every connection is refused at once.
  const ctx = useTestApp({ RATE_LIMIT_PER_MINUTE: '3', PLENARY_ROLE: 'api', REDIS_URL: 'redis://127.0.0.1:1' });

  it('lets logins through uncounted, answering within seconds', async () => {
    const started = Date.now();
    for (let i = 0; i < 4; i++) {
      await ctx.app.http.post('/auth/login').send({ email: ADMIN.email, password: 'wrong-password' }).expect(401);
    }
    expect(Date.now() - started).toBeLessThan(4 * 1500);
  });
});
