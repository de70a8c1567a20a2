import { ChangeNoticesSweepService } from '../../../src/reminders/change-notices-sweep.service';
import { JobQueueService } from '../../../src/platform/queue/job-queue.service';
import { QueueName } from '../../../src/platform/queue/queue-names';
import { attendee, createOpenEvent, daysFromNow } from '../../support/future-event';
import { SmtpSink } from '../../support/smtp-sink';
import { ADMIN, TestApp, login, startTestApp, testEnv } from '../../support/test-app';
import { TestDatabase, createTestDatabase } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';

interface NoticeRow {
  id: string;
  to_address: string;
  status: string;
}

/**
 * Change notices and announcements whose jobs were lost after the change
 * committed (a process killed before its enqueue, or Redis losing its data)
 * are still sent, once: the changes are made in an `api` process (no
 * workers), the reminders queue is then emptied, and a worker process started
 * afterwards finds them.
 */
describe('notices whose jobs were lost', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let env: NodeJS.ProcessEnv;
  let api: TestApp;
  let worker: TestApp | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new SmtpSink().start();
    env = testEnv(db.url, smtp.url);
    api = await startTestApp({ ...env, PLENARY_ROLE: 'api' });
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  /** The person's sent message of this kind, once the SMTP server has it. */
  const waitForKind = async (address: string, kind: string) => {
    const [row] = await db.query<NoticeRow>(`SELECT id, to_address, status FROM emails WHERE kind = $1 AND to_address = $2`, [
      kind,
      address,
    ]);
    const received = row?.status === 'sent' && smtp.for(address).some((mail) => mail.headers.get('x-plenary-outbox-id') === row.id);
    return received ? row : null;
  };

  const noticesTo = (address: string) =>
    db.query<NoticeRow>(`SELECT id, to_address, status FROM emails WHERE kind = 'change-notice' AND to_address = $1`, [address]);

  it('are re-derived by the maintenance sweep for a moved session, a postponement, a cancellation and an announcement, and sent once', async () => {
    const { http } = api;
    const auth = await login(http, ADMIN.email, ADMIN.password);

    const moved = await createOpenEvent(http, auth, { defaultReminders: false, title: 'Programme that changes' });
    const day = moved.days[0];
    const session = await http
      .post(`/events/${moved.id}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Pairing: Piura and Flanders', kind: 'presentations', startsAt: `${day}T10:00`, endsAt: `${day}T11:00` })
      .expect(201);
    const presenter = `presenter-${Date.now()}@piura.test`;
    await http
      .post(`/events/${moved.id}/presentations`)
      .set('Authorization', auth)
      .send({ title: 'Cacao', sessionId: session.body.id, presenters: [{ name: 'Javier Bereche', email: presenter, countryCode: 'PE' }] })
      .expect(201);
    await http.post(`/events/${moved.id}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);
    await http
      .patch(`/events/${moved.id}/sessions/${session.body.id}`)
      .set('Authorization', auth)
      .send({ startsAt: `${day}T15:00`, endsAt: `${day}T16:00` })
      .expect(200);
    await http.post(`/events/${moved.id}/agenda/versions`).set('Authorization', auth).send({ note: 'v2' }).expect(201);

    const postponed = await createOpenEvent(http, auth, { defaultReminders: false, title: 'Meeting that moves' });
    const postponedAttendee = attendee();
    await http.post(`/events/${postponed.id}/registrations`).send(postponedAttendee).expect(201);
    await http
      .post(`/events/${postponed.id}/postpone`)
      .set('Authorization', auth)
      .send({ startsAt: daysFromNow(40, '09:00'), endsAt: daysFromNow(41, '17:30') })
      .expect(200);

    const cancelled = await createOpenEvent(http, auth, { defaultReminders: false, title: 'Meeting that is called off' });
    const cancelledAttendee = attendee();
    await http.post(`/events/${cancelled.id}/registrations`).send(cancelledAttendee).expect(201);
    await http.post(`/events/${cancelled.id}/cancel`).set('Authorization', auth).send({ reason: 'the venue is closed' }).expect(200);

    const announced = await createOpenEvent(http, auth, { defaultReminders: false, title: 'Meeting with news' });
    const reader = attendee();
    await http.post(`/events/${announced.id}/registrations`).send(reader).expect(201);
    const news = await http
      .post(`/events/${announced.id}/announcements`)
      .set('Authorization', auth)
      .send({ subject: 'Photos online', message: 'The photos of day one are online.', audience: 'confirmed' })
      .expect(201);
    await http.post(`/events/${announced.id}/announcements/${news.body.id}/send`).set('Authorization', auth).expect(202);

    // The four jobs were added after their commits; lose them.
    const reminders = api.plenary.app.get(JobQueueService).queue(QueueName.Reminders);
    expect(await reminders.getJobCountByTypes('waiting')).toBe(4);
    await reminders.obliterate({ force: true });
    expect(await reminders.getJobCountByTypes('waiting', 'active', 'completed', 'delayed')).toBe(0);

    worker = await startTestApp({ ...env, PLENARY_ROLE: 'worker' });

    for (const address of [presenter, postponedAttendee.email, cancelledAttendee.email]) {
      const [row] = await waitFor(`the change notice to ${address} to be sent`, async () => {
        const rows = await noticesTo(address);
        return rows.length > 0 && rows.every((r) => r.status === 'sent') ? rows : null;
      });
      const received = await waitFor(`the change notice at the SMTP server for ${address}`, () => {
        const mails = smtp.for(address).filter((mail) => mail.headers.get('x-plenary-outbox-id') === row.id);
        return mails.length > 0 ? mails : null;
      });
      expect(received).toHaveLength(1);
    }
    expect(smtp.for(cancelledAttendee.email).find((mail) => mail.text.includes('the venue is closed'))).toBeDefined();

    const announcement = await waitFor('the announcement to be sent', () => waitForKind(reader.email, 'announcement'));
    expect(smtp.for(reader.email).filter((mail) => mail.headers.get('x-plenary-outbox-id') === announcement.id)).toHaveLength(1);

    // Recorded as notified: another sweep adds nothing, and nobody has a second notice.
    expect(await worker.plenary.app.get(ChangeNoticesSweepService).sweep()).toEqual({ enqueued: 0 });
    const notified = await db.query<{ event_id: string; recipients: number }>(
      `SELECT event_id, recipients FROM notified_changes ORDER BY notified_at`,
    );
    expect(notified.map((n) => n.event_id).sort()).toEqual([moved.id, postponed.id, cancelled.id].sort());
    expect(notified.every((n) => n.recipients === 1)).toBe(true);
    for (const address of [presenter, postponedAttendee.email, cancelledAttendee.email]) {
      expect(await noticesTo(address)).toHaveLength(1);
    }
    const [sweptAnnouncement] = await db.query<{ status: string; recipients: number }>(
      `SELECT status, recipients FROM announcements WHERE id = $1`,
      [news.body.id],
    );
    expect(sweptAnnouncement).toEqual({ status: 'sent', recipients: 1 });
  });
});
