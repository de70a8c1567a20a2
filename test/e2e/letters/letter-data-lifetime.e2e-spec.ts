import { attendee, createOpenEvent } from '../../support/future-event';
import { passportDetails } from '../../support/letter-request';
import { registrationBearerIn } from '../../support/registration-link';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

describe('how long passport data is kept', () => {
  const ctx = useTestApp({ PLENARY_LETTER_DATA_DAYS_AFTER_EVENT: '10' });
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  async function letterFor(eventId: string) {
    const body = attendee();
    await ctx.app.http.post(`/events/${eventId}/registrations`).send(body).expect(201);
    const [mail] = await ctx.smtp.waitForMail(body.email);
    return (
      await ctx.app.http
        .put('/registrations/me/letter')
        .set('Authorization', registrationBearerIn(mail.text))
        .send(passportDetails())
        .expect(200)
    ).body.id as string;
  }

  it('deletes the letter requests of an event that ended PLENARY_LETTER_DATA_DAYS_AFTER_EVENT days ago, and keeps the others', async () => {
    const ended = await createOpenEvent(ctx.app.http, auth);
    const current = await createOpenEvent(ctx.app.http, auth);
    const old = await letterFor(ended.id);
    const kept = await letterFor(current.id);
    // The meeting is over: the clock cannot be moved, so its dates are (11 and 12 days ago).
    await ctx.db.query(`UPDATE events SET starts_at = now() - interval '12 days', ends_at = now() - interval '11 days' WHERE id = $1`, [
      ended.id,
    ]);

    await waitFor('the ended event’s letter requests to be deleted', async () => {
      const rows = await ctx.db.query(`SELECT id FROM letter_requests WHERE id = $1`, [old]);
      return rows.length === 0 ? true : null;
    });
    await ctx.app.http.get(`/events/${ended.id}/letters/${old}`).set('Authorization', auth).expect(404);
    const still = await ctx.app.http.get(`/events/${current.id}/letters/${kept}`).set('Authorization', auth).expect(200);
    expect(still.body.passportName).toBe('José Peña Quispe');
    const log = await ctx.app.http.get(`/events/${ended.id}/letters/access-log`).set('Authorization', auth).expect(200);
    expect(log.body.items).toContainEqual(expect.objectContaining({ letterId: old, actorKind: 'system', action: 'erased' }));
  });
});
