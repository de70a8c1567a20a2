import { ADMIN, login } from '../support/test-app';
import { TestContext, useTestApp } from '../support/use-test-app';
import { waitFor } from '../support/wait-for';

type BoardQueue = { name: string; hasWorkers: boolean | null };

/** What /admin/queues shows about workers, through the board's own API, while the app's workers run. */
async function boardWorkers(ctx: TestContext) {
  const admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  const queues = await waitFor('every queue to show its workers', async () => {
    const { body } = await ctx.app.http.get('/admin/queues/api/queues').set('Authorization', admin).expect(200);
    const listed = body.queues as BoardQueue[];
    return listed.every((queue) => queue.hasWorkers === true) ? listed : null;
  });
  const { body } = await ctx.app.http.get('/admin/queues/api/queues/mail/workers').set('Authorization', admin).expect(200);
  return { queues, mailWorkers: body.workers as Array<{ addr: string; age: number }> | null };
}

describe.each(['redis', 'postgres'])('the queue dashboard with the %s backend', (backend) => {
  const ctx = useTestApp({ QUEUE_BACKEND: backend });

  it('shows the running workers on every queue instead of "No workers"', async () => {
    const { queues, mailWorkers } = await boardWorkers(ctx);
    expect(queues.map((queue) => queue.name).sort()).toEqual(['certificates', 'mail', 'reminders', 'reports']);
    expect(mailWorkers).toHaveLength(1);
    expect(mailWorkers?.[0]).toEqual(expect.objectContaining({ addr: expect.any(String), age: expect.any(Number) }));
  });
});
