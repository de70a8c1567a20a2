import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';
import { waitFor } from '../support/wait-for';

/** QUEUE_BACKEND=postgres: the services runtime without Redis. */
describe('queues on Postgres', () => {
  const ctx = useTestApp({ QUEUE_BACKEND: 'postgres', REDIS_URL: '' });

  it('delivers mail through jobs stored in the database', async () => {
    const admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', admin)
      .send({ email: 'ines@ohiggins.test', name: 'Inés', password: 'ines-password-1' })
      .expect(201);
    await ctx.app.http.post('/auth/password-reset').send({ email: 'ines@ohiggins.test' }).expect(202);
    const [mail] = await ctx.smtp.waitForMail('ines@ohiggins.test');
    expect(mail.subject).toBe('Reset your Plenary password');
    // The SMTP server has the message a moment before the row says `sent`.
    const row = await waitFor('the row to be recorded as sent', async () => {
      const [found] = await ctx.db.query<{ id: string; status: string }>(
        `SELECT id, status FROM emails WHERE to_address = 'ines@ohiggins.test'`,
      );
      return found?.status === 'sent' ? found : null;
    });
    const jobs = await ctx.db.query<{ id: string }>(`SELECT id FROM bullmq.job WHERE queue = 'mail'`);
    expect(jobs.map((j) => j.id)).toContain(row.id);
    const health = await ctx.app.http.get('/health').expect(200);
    expect(health.body.checks.queue.status).toBe('up');
  });
});
