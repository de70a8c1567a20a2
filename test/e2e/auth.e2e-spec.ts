import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';

describe('organiser accounts', () => {
  const ctx = useTestApp();
  let admin: string;

  beforeAll(async () => {
    admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  it('creates the first administrator at boot, once', async () => {
    const me = await ctx.app.http.get('/auth/me').set('Authorization', admin).expect(200);
    expect(me.body).toMatchObject({ email: ADMIN.email, isAdmin: true });
    const rows = await ctx.db.query<{ n: string }>('SELECT count(*) AS n FROM organisers');
    expect(Number(rows[0].n)).toBe(1);
  });

  it('refuses a wrong password with 401 problem+json and never says which part was wrong', async () => {
    const wrong = await ctx.app.http.post('/auth/login').send({ email: ADMIN.email, password: 'not-the-password' }).expect(401);
    const unknown = await ctx.app.http.post('/auth/login').send({ email: 'nobody@plenary.test', password: 'whatever-123' }).expect(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('answers 401 without credentials and with a made-up token', async () => {
    await ctx.app.http.get('/events').expect(401);
    await ctx.app.http.get('/events').set('Authorization', 'Bearer pls_forged').expect(401);
    await ctx.app.http.get('/events').set('Authorization', 'Basic abc').expect(401);
  });

  it('lets administrators create organisers, and nobody else', async () => {
    const created = await ctx.app.http
      .post('/organisers')
      .set('Authorization', admin)
      .send({ email: 'Ana@Region.test', name: 'Ana', password: 'ana-password-1' })
      .expect(201);
    expect(created.body).toMatchObject({ email: 'ana@region.test', isAdmin: false, hasPassword: true });
    expect(created.body).not.toHaveProperty('passwordHash');

    const ana = await login(ctx.app.http, 'ana@region.test', 'ana-password-1');
    const refused = await ctx.app.http
      .post('/organisers')
      .set('Authorization', ana)
      .send({ email: 'eve@region.test', name: 'Eve', password: 'eve-password-1' })
      .expect(403);
    expect(refused.body.status).toBe(403);
    await ctx.app.http.get('/organisers').set('Authorization', ana).expect(403);

    await ctx.app.http
      .post('/organisers')
      .set('Authorization', admin)
      .send({ email: 'ana@region.test', name: 'Ana again', password: 'ana-password-2' })
      .expect(409);
  });

  it('names each invalid field', async () => {
    const response = await ctx.app.http
      .post('/organisers')
      .set('Authorization', admin)
      .send({ email: 'not-an-address', name: '', password: 'short' })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'password']);
  });

  it('refuses text containing NUL with 400 naming the field, leaving nothing behind', async () => {
    const response = await ctx.app.http
      .post('/organisers')
      .set('Authorization', admin)
      .send({ email: 'nul@region.test', name: 'Nul\u0000Name', password: 'nul-password-1' })
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'name', message: 'contains the NUL character' }]);
    expect(await ctx.db.query(`SELECT 1 FROM organisers WHERE email = 'nul@region.test'`)).toHaveLength(0);
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const response = await ctx.app.http.post('/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(response.body).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  it('resets a forgotten password by an emailed link that works once and ends other logins', async () => {
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', admin)
      .send({ email: 'bruno@region.test', name: 'Bruno', password: 'bruno-password-1' })
      .expect(201);
    const oldLogin = await login(ctx.app.http, 'bruno@region.test', 'bruno-password-1');

    await ctx.app.http.post('/auth/password-reset').send({ email: 'bruno@region.test' }).expect(202);
    const unknown = await ctx.app.http.post('/auth/password-reset').send({ email: 'ghost@region.test' }).expect(202);
    expect(unknown.body.detail).toMatch(/If an organiser account uses this address/);

    const [mail] = await ctx.smtp.waitForMail('bruno@region.test');
    expect(mail.subject).toBe('Reset your Plenary password');
    const link = /http:\/\/plenary\.test\/reset-password\?token=(\S+)/.exec(mail.text);
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link![1]);
    expect(mail.html).toContain('reset-password?token=');

    await ctx.app.http.post('/auth/password').send({ token, password: 'bruno-password-2' }).expect(200);
    await ctx.app.http.post('/auth/password').send({ token, password: 'bruno-password-3' }).expect(400);
    await ctx.app.http.get('/auth/me').set('Authorization', oldLogin).expect(401);
    await login(ctx.app.http, 'bruno@region.test', 'bruno-password-2');
    expect(ctx.smtp.for('ghost@region.test')).toHaveLength(0);
  });

  it('logs out: the token stops working', async () => {
    const token = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    await ctx.app.http.post('/auth/logout').set('Authorization', token).expect(204);
    await ctx.app.http.get('/auth/me').set('Authorization', token).expect(401);
  });
});
