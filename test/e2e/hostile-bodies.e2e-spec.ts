import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';

/** `{"email": [[[…]]]}` nested `depth` levels below the body. */
function nestedBody(depth: number): string {
  return `{"email":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

describe('bodies built to hurt the server', () => {
  const ctx = useTestApp();

  it.each([3_000, 10_000, 100_000])('answers a body nested %i levels deep with 400 and keeps serving', async (depth) => {
    const publicAnswer = await ctx.app.http
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send(nestedBody(depth))
      .expect(400);
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

  it('still takes an ordinary nested body and names NUL inside it', async () => {
    const response = await ctx.app.http
      .post('/auth/login')
      .send({ email: 'a@b.test', password: ['x', { deep: 'a\u0000b' }] })
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'password[1].deep', message: 'contains the NUL character' }]);
  });
});
