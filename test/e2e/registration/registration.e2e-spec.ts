import { attendee, createOpenEvent, daysFromNow } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { createReminderSoon } from '../../support/reminder-soon';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';
import { passportDetails } from '../../support/letter-request';
import { registrationBearerIn, registrationTokenIn } from '../../support/registration-link';
import { readCsv } from '../../../src/platform/http/csv-reader';
import { asBytes, cellText, xlsxRows } from '../../support/spreadsheet';

describe('registration', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  it('never confirms more than the capacity: 300 at once for 100 seats', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { capacity: 100 });
    const responses = await Promise.all(
      Array.from({ length: 300 }, () =>
        ctx.app.http.post(`/events/${event.id}/registrations`).send(attendee({ region: 'O’Higgins', countryCode: 'CL' })),
      ),
    );
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const statuses = responses.map((r) => r.body.status as string);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(100);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(200);
    expect(Object.keys(responses[0].body).sort()).toEqual(['id', 'status']);
    const [{ n }] = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
      [event.id],
    );
    expect(n).toBe(100);
    const counts = await ctx.app.http.get(`/events/${event.id}/registrations/counts`).set('Authorization', auth).expect(200);
    expect(counts.body).toMatchObject({ confirmed: 100, waitlisted: 200 });
  });

  it('registers one address once: 50 submissions at the same moment give one registration and 409s', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { capacity: 10 });
    const body = attendee();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ctx.app.http.post(`/events/${event.id}/registrations`).send({ ...body, email: i % 2 ? body.email.toUpperCase() : body.email }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(49);
    expect(responses.find((r) => r.status === 409)?.body.detail).toMatch(/already registered/);
    const rows = await ctx.db.query(`SELECT id FROM registrations WHERE event_id = $1`, [event.id]);
    expect(rows).toHaveLength(1);
    // The confirmation, then one re-sent link: the once-a-minute limit holds back the rest.
    const mails = await ctx.smtp.waitForMail(body.email, 2);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      `Registration confirmed: ${event.title}`,
      `Your registration link: ${event.title}`,
    ]);
  });

  it('writes a burst of new and known addresses together: one registration, one email and one token each', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { capacity: 5 });
    const known = attendee();
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(known).expect(201);
    const burst = [...Array.from({ length: 20 }, () => attendee()), { ...known, email: known.email.toUpperCase() }];
    const responses = await Promise.all(burst.map((body) => ctx.app.http.post(`/events/${event.id}/registrations`).send(body)));
    expect(responses.map((r) => r.status).sort()).toEqual([...Array<number>(20).fill(201), 409]);
    const counts = await ctx.db.query(`SELECT status, count(*)::int AS n FROM registrations WHERE event_id = $1 GROUP BY status`, [
      event.id,
    ]);
    expect(Object.fromEntries(counts.map((c) => [c.status, c.n]))).toEqual({ confirmed: 5, waitlisted: 16 });
    // Every registration has its one email and the token in it; the known address also got its link again.
    const perRegistration = await ctx.db.query(
      `SELECT r.status, lower(p.email) = lower($2) AS known,
              (SELECT array_agg(e.kind ORDER BY e.kind) FROM emails e WHERE e.to_address = p.email) AS emails,
              (SELECT count(*)::int FROM magic_link_tokens t WHERE t.subject_id = r.id) AS tokens
         FROM registrations r JOIN people p ON p.id = r.person_id WHERE r.event_id = $1`,
      [event.id, known.email],
    );
    for (const { status, known: isKnown, emails, tokens } of perRegistration) {
      expect({ emails, tokens }).toEqual(
        isKnown
          ? { emails: ['registration-confirmed', 'registration-link'], tokens: 2 }
          : { emails: [`registration-${status}`], tokens: 1 },
      );
    }
  });

  it('emails a confirmation with the check-in code, a calendar file and a working self-service link', async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const body = attendee({ name: 'Ignacio Tello', region: 'O’Higgins', countryCode: 'CL' });
    const created = await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    const [mail] = await ctx.smtp.waitForMail(body.email);
    expect(mail.subject).toBe(`Registration confirmed: ${event.title}`);
    const code = /check-in code is ([A-Z0-9]{8})/.exec(mail.text)?.[1];
    expect(code).toBeDefined();
    const ics = mail.parsed.attachments.find((a) => a.filename === 'event.ics');
    expect(ics?.content.toString()).toContain('BEGIN:VEVENT');

    const token = registrationTokenIn(mail.text);
    const me = await ctx.app.http.get('/registrations/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({
      id: created.body.id,
      status: 'confirmed',
      checkInCode: code,
      region: "O'Higgins",
      name: 'Ignacio Tello',
    });
    const updated = await ctx.app.http
      .patch('/registrations/me')
      .set('Authorization', `Bearer ${token}`)
      .send({ organisation: 'Gobierno Regional de O’Higgins', title: 'Head of Division' })
      .expect(200);
    expect(updated.body).toMatchObject({ organisation: 'Gobierno Regional de O’Higgins', title: 'Head of Division' });
    const calendar = await ctx.app.http.get('/registrations/me.ics').set('Authorization', `Bearer ${token}`).expect(200);
    expect(calendar.headers['content-type']).toMatch(/text\/calendar/);
    const data = await ctx.app.http.get('/registrations/me/data').set('Authorization', `Bearer ${token}`).expect(200);
    expect(data.body.registration.email).toBe(body.email);
    expect(data.body.emails.map((e: { kind: string }) => e.kind)).toContain('registration-confirmed');
  });

  describe("the attendee's download of everything held about them", () => {
    let event: Awaited<ReturnType<typeof createOpenEvent>>;
    let ana: { id: string; email: string; bearer: string };
    let bruno: { id: string; email: string; bearer: string };
    let named: { id: string; questions: Array<{ id: string }> };
    let anonymous: { id: string; questions: Array<{ id: string }> };
    let certificateCode: string;

    const register = async (body: Record<string, unknown>) => {
      const created = await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
      const [mail] = await ctx.smtp.waitForMail(body.email as string);
      return { id: created.body.id as string, email: body.email as string, bearer: registrationBearerIn(mail.text) };
    };
    const surveyToken = (address: string, subject: string) =>
      waitFor(`the "${subject}" survey link to ${address}`, () => {
        const mail = ctx.smtp.for(address).find((m) => m.subject === subject);
        return mail ? decodeURIComponent(/\/survey\?token=(\S+)/.exec(mail.text)![1]) : null;
      });
    const download = async (bearer: string) =>
      (await ctx.app.http.get('/registrations/me/data').set('Authorization', bearer).expect(200)).body;

    beforeAll(async () => {
      event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
      ana = await register(attendee({ name: 'José Peña', countryCode: 'PE', region: 'Piura' }));
      bruno = await register(attendee());
      await ctx.app.http.put('/registrations/me/letter').set('Authorization', ana.bearer).send(passportDetails()).expect(200);
      for (const person of [ana, bruno]) {
        await ctx.app.http
          .post(`/events/${event.id}/check-ins`)
          .set('Authorization', auth)
          .send({ registrationId: person.id, day: event.days[0] })
          .expect(201);
      }
      await ctx.app.http
        .put(`/events/${event.id}/certificates/settings`)
        .set('Authorization', auth)
        .send({ issueMode: 'on_check_in' })
        .expect(200);
      await ctx.app.http.get('/registrations/me/certificate.pdf').set('Authorization', ana.bearer).expect(200);

      const survey = async (title: string, isAnonymous: boolean) => {
        const created = await ctx.app.http
          .post(`/events/${event.id}/surveys`)
          .set('Authorization', auth)
          .send({
            title,
            anonymous: isAnonymous,
            questions: [
              { kind: 'rating', prompt: `${title}: how was it?`, required: true },
              { kind: 'text', prompt: `${title}: anything else?` },
            ],
          })
          .expect(201);
        await ctx.app.http.post(`/events/${event.id}/surveys/${created.body.id}/open`).set('Authorization', auth).expect(200);
        await createReminderSoon(
          ctx.app.http,
          auth,
          event.id,
          { name: title, audience: 'checked_in', surveyId: created.body.id, subject: title },
          1500,
        );
        return created.body;
      };
      named = await survey('Named feedback', false);
      anonymous = await survey('Anonymous feedback', true);
      for (const [s, text] of [
        [named, 'The pairings were the best part'],
        [anonymous, 'A remark nobody may trace'],
      ] as const) {
        const token = await surveyToken(ana.email, s === named ? 'Named feedback' : 'Anonymous feedback');
        await ctx.app.http
          .post(`/survey-invitation/answers?token=${encodeURIComponent(token)}`)
          .send({ answers: { [s.questions[0].id]: 4, [s.questions[1].id]: text } })
          .expect(201);
      }
      // Bruno is invited to both surveys too, and answers neither.
      await surveyToken(bruno.email, 'Anonymous feedback');
    }, 60_000);

    it('carries their letter request (the number masked, the read logged), their named survey answers and their certificates', async () => {
      const data = await download(ana.bearer);
      expect(data.visaLetter).toMatchObject({
        registrationId: ana.id,
        status: 'requested',
        passportName: 'José Peña Quispe',
        nationality: 'PE',
        passportNumber: '••••••78',
        passportExpiry: '2031-05-31',
        dateOfBirth: '1984-11-02',
        consulateCity: 'Lima',
        consulateCountry: 'PE',
        reference: expect.stringMatching(/\S/),
        rejectionReason: null,
        revocationReason: null,
        decidedAt: null,
      });
      expect(JSON.stringify(data)).not.toMatch(/12345678|1234 5678/);
      expect(data.surveyAnswers).toEqual([
        {
          surveyId: named.id,
          title: 'Named feedback',
          submittedAt: expect.stringMatching(/\+0[12]:00$/),
          answers: [
            {
              questionId: named.questions[0].id,
              question: 'Named feedback: how was it?',
              kind: 'rating',
              rating: 4,
              choices: null,
              text: null,
            },
            {
              questionId: named.questions[1].id,
              question: 'Named feedback: anything else?',
              kind: 'text',
              rating: null,
              choices: null,
              text: 'The pairings were the best part',
            },
          ],
        },
      ]);
      expect(JSON.stringify(data)).not.toContain('A remark nobody may trace');
      expect(JSON.stringify(data)).not.toContain(anonymous.id);
      expect(data.certificates).toEqual([
        expect.objectContaining({
          kind: 'attendance',
          days: [event.days[0]],
          presentation: null,
          code: expect.stringMatching(/^[A-Z2-7]{10}$/),
        }),
      ]);
      certificateCode = data.certificates[0].code;
      expect(data.certificates[0].links.verify).toMatch(new RegExp(`/c/${certificateCode}$`));
      const log = await ctx.db.query<{ actor_kind: string; actor_id: string; action: string }>(
        `SELECT l.actor_kind, l.actor_id, l.action FROM letter_access_log l JOIN letter_requests r ON r.id = l.letter_request_id
          WHERE r.registration_id = $1 ORDER BY l.at, l.id`,
        [ana.id],
      );
      expect(log).toEqual([
        { actor_kind: 'attendee', actor_id: ana.id, action: 'submitted' },
        { actor_kind: 'attendee', actor_id: ana.id, action: 'exported' },
      ]);
    });

    it("shows another attendee none of it, and logs no read of the first one's passport data for them", async () => {
      const before = await ctx.db.query(`SELECT id FROM letter_access_log WHERE event_id = $1`, [event.id]);
      const data = await download(bruno.bearer);
      expect(data).toMatchObject({ visaLetter: null, surveyAnswers: [], certificates: [] });
      expect(data.registration.id).toBe(bruno.id);
      expect(JSON.stringify(data)).not.toMatch(/José Peña Quispe|The pairings|A remark nobody may trace/);
      expect(await ctx.db.query(`SELECT id FROM letter_access_log WHERE event_id = $1`, [event.id])).toEqual(before);
    });

    it('unties their survey answers from them and deletes their certificates when they are erased; the results still count the answers', async () => {
      await ctx.app.http.post(`/events/${event.id}/registrations/${ana.id}/erase`).set('Authorization', auth).expect(204);
      const responses = await ctx.db.query<{ invitation_id: string | null; submitted_at: Date | null }>(
        `SELECT invitation_id, submitted_at FROM survey_responses WHERE survey_id = $1`,
        [named.id],
      );
      expect(responses).toEqual([{ invitation_id: null, submitted_at: null }]);
      expect(await ctx.db.query(`SELECT id FROM certificates WHERE event_id = $1`, [event.id])).toEqual([]);
      expect(await ctx.db.query(`SELECT id FROM letter_requests WHERE registration_id = $1`, [ana.id])).toEqual([]);
      await ctx.app.http.get(`/c/${certificateCode}/certificate.pdf`).expect(404);
      const results = await ctx.app.http.get(`/events/${event.id}/surveys/${named.id}/results`).set('Authorization', auth).expect(200);
      expect(results.body).toMatchObject({ responses: 1 });
      expect(results.body.questions[1].comments).toEqual(['The pairings were the best part']);
    });
  });

  it('gives a cancelled seat to the first person on the waitlist, who is emailed', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { capacity: 1 });
    const [first, second, third] = [attendee(), attendee(), attendee()];
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(first).expect(201);
    expect((await ctx.app.http.post(`/events/${event.id}/registrations`).send(second).expect(201)).body.status).toBe('waitlisted');
    expect((await ctx.app.http.post(`/events/${event.id}/registrations`).send(third).expect(201)).body.status).toBe('waitlisted');

    const [confirmation] = await ctx.smtp.waitForMail(first.email);
    const cancelled = await ctx.app.http
      .delete('/registrations/me')
      .set('Authorization', `Bearer ${registrationTokenIn(confirmation.text)}`)
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');

    const secondMails = await ctx.smtp.waitForMail(second.email, 2);
    expect(secondMails.map((m) => m.subject)).toEqual([`You are on the waiting list: ${event.title}`, `A place is yours: ${event.title}`]);
    const promoted = await ctx.app.http
      .get('/registrations/me')
      .set('Authorization', `Bearer ${registrationTokenIn(secondMails[1].text)}`)
      .expect(200);
    expect(promoted.body.status).toBe('confirmed');
    await ctx.smtp.waitForMail(first.email, 2);
    const list = await ctx.app.http.get(`/events/${event.id}/registrations?status=waitlisted`).set('Authorization', auth).expect(200);
    expect(list.body.items.map((r: { email: string }) => r.email)).toEqual([third.email]);
  });

  it('promotes from the waitlist when capacity rises', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { capacity: 1 });
    const people = [attendee(), attendee(), attendee()];
    for (const body of people) await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    await ctx.app.http.patch(`/events/${event.id}`).set('Authorization', auth).send({ capacity: 2 }).expect(200);
    await waitFor('the second person to be confirmed', async () => {
      const counts = await ctx.app.http.get(`/events/${event.id}/registrations/counts`).set('Authorization', auth).expect(200);
      return counts.body.confirmed === 2 && counts.body.waitlisted === 1;
    });
    const [, promotion] = await ctx.smtp.waitForMail(people[1].email, 2);
    expect(promotion.subject).toBe(`A place is yours: ${event.title}`);
  });

  it('opens and closes with the registration window, and not at all for a draft', async () => {
    const draft = await ctx.app.http
      .post('/events')
      .set('Authorization', auth)
      .send({ title: 'Draft', timezone: 'Europe/Brussels', startsAt: daysFromNow(30), endsAt: daysFromNow(31) })
      .expect(201);
    await ctx.app.http.post(`/events/${draft.body.id}/registrations`).send(attendee()).expect(404);
    const later = await createOpenEvent(ctx.app.http, auth, { registrationOpensAt: daysFromNow(10) });
    const notYet = await ctx.app.http.post(`/events/${later.id}/registrations`).send(attendee()).expect(422);
    expect(notYet.body.detail).toMatch(/opens at/);
    const closed = await createOpenEvent(ctx.app.http, auth, {
      registrationOpensAt: daysFromNow(-10),
      registrationClosesAt: daysFromNow(-1),
    });
    await ctx.app.http.post(`/events/${closed.id}/registrations`).send(attendee()).expect(422);
    const organiserEntry = await ctx.app.http
      .post(`/events/${closed.id}/registrations`)
      .set('Authorization', auth)
      .send({ name: 'Walk-in', email: 'walkin@region.test' })
      .expect(201);
    expect(organiserEntry.body).toMatchObject({ status: 'confirmed', source: 'organiser', email: 'walkin@region.test' });
    expect(organiserEntry.body.checkInCode).toMatch(/^[A-Z0-9]{8}$/);
  });

  it('follows changes to the event and its questions made after registrations began', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { capacity: 10 });
    const register = (body = attendee()) => ctx.app.http.post(`/events/${event.id}/registrations`).send(body);
    await register().expect(201);
    await ctx.app.http
      .post(`/events/${event.id}/questions`)
      .set('Authorization', auth)
      .send({ key: 'diet', label: 'Dietary needs', type: 'text', required: true })
      .expect(201);
    const unanswered = await register().expect(400);
    expect(unanswered.body.errors).toEqual([{ field: 'answers.diet', message: 'required' }]);
    await register(attendee({ answers: { diet: 'none' } })).expect(201);

    await ctx.app.http.patch(`/events/${event.id}`).set('Authorization', auth).send({ title: 'Renamed meeting' }).expect(200);
    const renamed = attendee({ answers: { diet: 'none' } });
    await register(renamed).expect(201);
    const [email] = await ctx.db.query(`SELECT subject FROM emails WHERE to_address = $1`, [renamed.email]);
    expect(email.subject).toBe('Registration confirmed: Renamed meeting');

    await ctx.app.http
      .patch(`/events/${event.id}`)
      .set('Authorization', auth)
      .send({ registrationClosesAt: daysFromNow(-1) })
      .expect(200);
    await register(attendee({ answers: { diet: 'none' } })).expect(422);
    await ctx.app.http
      .patch(`/events/${event.id}`)
      .set('Authorization', auth)
      .send({ registrationClosesAt: daysFromNow(20) })
      .expect(200);
    await register(attendee({ answers: { diet: 'none' } })).expect(201);
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [event.id]);
    expect(n).toBe(4);
  });

  it('names each invalid field of the public form and writes nothing', async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const response = await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .send({ name: '', email: 'nope', organisation: 'X', organisationType: 'club', region: ' ', countryCode: 'QQ', extra: 1 })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'countryCode',
      'email',
      'extra',
      'name',
      'organisationType',
      'region',
    ]);
    expect(await ctx.db.query(`SELECT 1 FROM registrations WHERE event_id = $1`, [event.id])).toHaveLength(0);
    expect(await ctx.db.query(`SELECT 1 FROM people WHERE event_id = $1`, [event.id])).toHaveLength(0);
  });

  it('holds registrations for approval when the event asks for it', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { requiresApproval: true, capacity: 5 });
    const [a, b] = [attendee(), attendee()];
    const pending = await ctx.app.http.post(`/events/${event.id}/registrations`).send(a).expect(201);
    expect(pending.body.status).toBe('pending');
    const other = await ctx.app.http.post(`/events/${event.id}/registrations`).send(b).expect(201);
    const approved = await ctx.app.http
      .post(`/events/${event.id}/registrations/${pending.body.id}/approve`)
      .set('Authorization', auth)
      .expect(200);
    expect(approved.body.status).toBe('confirmed');
    const rejected = await ctx.app.http
      .post(`/events/${event.id}/registrations/${other.body.id}/reject`)
      .set('Authorization', auth)
      .expect(200);
    expect(rejected.body.status).toBe('rejected');
    await ctx.app.http.post(`/events/${event.id}/registrations/${other.body.id}/approve`).set('Authorization', auth).expect(409);
    const mailsA = await ctx.smtp.waitForMail(a.email, 2);
    expect(mailsA.map((m) => m.subject)).toEqual([`Registration received: ${event.title}`, `Registration confirmed: ${event.title}`]);
    const mailsB = await ctx.smtp.waitForMail(b.email, 2);
    expect(mailsB[1].subject).toBe(`Your registration for ${event.title}`);
  });

  it('exports the filtered list as CSV, neutralising spreadsheet formulas', async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .send(attendee({ name: '=HYPERLINK("x")', countryCode: 'BR', region: 'Paraná' }))
      .expect(201);
    await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .send(attendee({ countryCode: 'IT', region: 'Emilia-Romagna' }))
      .expect(201);
    const csv = await ctx.app.http
      .get(`/events/${event.id}/registrations?countryCode=br`)
      .set('Authorization', auth)
      .set('Accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,status,name,email,organisation/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain('Paraná');
  });

  it('offers the export as xlsx with the CSV rows, and as a CSV download with a BOM, while programs get the CSV unchanged', async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const francoise = attendee({ name: 'Françoise Lefèvre', countryCode: 'FR', region: 'Île-de-France' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(francoise).expect(201);
    await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .send(attendee({ name: '=HYPERLINK("x")', organisation: '+1 Agency' }))
      .expect(201);
    const list = `/events/${event.id}/registrations`;

    const plain = await asBytes(ctx.app.http.get(list).set('Authorization', auth).set('Accept', 'text/csv')).expect(200);
    expect([...(plain.body as Buffer).subarray(0, 3)]).toEqual([...Buffer.from('id,')]);
    const download = await asBytes(ctx.app.http.get(`${list}?download=1`).set('Authorization', auth).set('Accept', 'text/csv')).expect(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename=".+-registrations\.csv"$/);
    expect([...(download.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((download.body as Buffer).subarray(3).equals(plain.body as Buffer)).toBe(true);
    expect((plain.body as Buffer).toString('utf8')).not.toMatch(/^sep=/m);

    const byAccept = await asBytes(
      ctx.app.http.get(list).set('Authorization', auth).set('Accept', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    ).expect(200);
    expect(byAccept.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(byAccept.headers['content-disposition']).toMatch(/^attachment; filename=".+-registrations\.xlsx"$/);
    const byQuery = await asBytes(ctx.app.http.get(`${list}?format=xlsx`).set('Authorization', auth)).expect(200);
    const sheet = await xlsxRows(byQuery.body as Buffer);
    expect(sheet.map((row) => row.map(cellText))).toEqual((await xlsxRows(byAccept.body as Buffer)).map((row) => row.map(cellText)));

    // The CSV guards formulas with an apostrophe; the workbook by storing every cell as text.
    const csv = readCsv((plain.body as Buffer).toString('utf8')).map((row) => row.fields.map((f) => f.replace(/^'(?=[=+\-@])/, '')));
    expect(sheet.map((row) => row.map(cellText))).toEqual(csv);
    expect(sheet.flat().some((cell) => cell.value === 'Françoise Lefèvre')).toBe(true);
    expect(sheet.flat().some((cell) => cell.value === 'Île-de-France')).toBe(true);
    const formula = sheet.flat().find((cell) => cell.value === '=HYPERLINK("x")')!;
    expect(formula).toMatchObject({ type: 3 /* ValueType.String */, numFmt: '@' });
  });

  it('refuses an export format it does not write, naming the field', async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const refused = await ctx.app.http.get(`/events/${event.id}/registrations?format=ods`).set('Authorization', auth).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['format']);
  });

  it('backs the seat count with a database constraint', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { capacity: 1 });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(attendee()).expect(201);
    const waiting = await ctx.app.http.post(`/events/${event.id}/registrations`).send(attendee()).expect(201);
    await expect(ctx.db.query(`UPDATE registrations SET status = 'confirmed' WHERE id = $1`, [waiting.body.id])).rejects.toThrow(/is full/);
  });
});
