import request from 'supertest';
import { csrfIn, dashboardAgent } from '../../support/dashboard-agent';
import { attendee } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

/** The event ends this long after the file starts: enough to register and check in everyone first. */
const ENDS_IN_MS = 25_000;
const ATTENDEES = 30;

interface Question {
  id: string;
  kind: string;
  options: string[];
}

describe('feedback surveys', () => {
  const ctx = useTestApp();
  let auth: string;
  let event: { id: string };
  let session: { id: string; title: string };
  let survey: { id: string; questions: Question[] };
  let anonymous: { id: string; questions: Question[] };
  const checkedIn: Array<{ id: string; email: string; name: string; language: string | undefined }> = [];
  let absent: { id: string; email: string };
  const links = new Map<string, string>();
  const anonymousLinks = new Map<string, string>();

  const tokenIn = (text: string) => decodeURIComponent(/\/survey\?token=(\S+)/.exec(text)![1]);

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const now = Date.now();
    const created = await ctx.app.http
      .post('/events')
      .set('Authorization', auth)
      .send({
        title: 'Region-to-region meeting',
        timezone: 'UTC',
        startsAt: new Date(now - 3_600_000).toISOString(),
        endsAt: new Date(now + ENDS_IN_MS).toISOString(),
        venue: 'Brussels',
        defaultReminders: false,
      })
      .expect(201);
    event = created.body;
    await ctx.app.http.post(`/events/${event.id}/publish`).set('Authorization', auth).expect(200);
    session = (
      await ctx.app.http
        .post(`/events/${event.id}/sessions`)
        .set('Authorization', auth)
        .send({
          title: 'Opening plenary',
          kind: 'keynote',
          startsAt: new Date(now - 3_000_000).toISOString(),
          endsAt: new Date(now - 1_200_000).toISOString(),
        })
        .expect(201)
    ).body;

    for (let i = 0; i <= ATTENDEES; i += 1) {
      const body = attendee({ language: i % 4 === 1 ? 'es' : undefined });
      const registered = await ctx.app.http.post(`/events/${event.id}/registrations`).set('Authorization', auth).send(body).expect(201);
      if (i === ATTENDEES) {
        absent = { id: registered.body.id, email: body.email };
        continue;
      }
      await ctx.app.http
        .post(`/events/${event.id}/check-ins`)
        .set('Authorization', auth)
        .send({ code: registered.body.checkInCode })
        .expect(201);
      checkedIn.push({ id: registered.body.id, email: body.email, name: body.name, language: (body as { language?: string }).language });
    }

    const questions = [
      { kind: 'rating', prompt: 'How was the meeting overall?', required: true },
      { kind: 'single_choice', prompt: 'Would you come again?', options: ['Yes', 'Maybe', 'No'] },
      { kind: 'multiple_choice', prompt: 'What was useful?', options: ['Pairings', 'Talks', 'Networking'] },
      { kind: 'text', prompt: 'Anything else?' },
      { kind: 'rating', prompt: 'How was this session?', sessionId: session.id },
    ];
    survey = (
      await ctx.app.http
        .post(`/events/${event.id}/surveys`)
        .set('Authorization', auth)
        .send({ title: 'How did it go?', questions })
        .expect(201)
    ).body;
    anonymous = (
      await ctx.app.http
        .post(`/events/${event.id}/surveys`)
        .set('Authorization', auth)
        .send({ title: 'Honest feedback', anonymous: true, questions: [questions[0], questions[3]] })
        .expect(201)
    ).body;
    for (const [s, subject] of [
      [survey, 'Feedback A'],
      [anonymous, 'Feedback B'],
    ] as const) {
      await ctx.app.http.post(`/events/${event.id}/surveys/${s.id}/open`).set('Authorization', auth).expect(200);
      const rule = await ctx.app.http
        .post(`/events/${event.id}/reminder-rules`)
        .set('Authorization', auth)
        .send({ name: subject, anchor: 'event_end', offsetMinutes: 0, audience: 'checked_in', surveyId: s.id, subject })
        .expect(201);
      expect(rule.body).toMatchObject({ surveyId: s.id, scheduled: [expect.objectContaining({ state: 'pending' })] });
    }

    for (const person of checkedIn) {
      const mails = await waitFor(
        `both survey links to ${person.email}`,
        () => {
          const got = ctx.smtp.for(person.email).filter((m) => m.subject.startsWith('Feedback'));
          return got.length >= 2 ? got : null;
        },
        ENDS_IN_MS + 30_000,
      );
      const mail = mails.find((m) => m.subject === 'Feedback A')!;
      // A survey invitation thanks the attendee in their language and brings no calendar.
      expect(mail.text).toContain(person.language === 'es' ? 'Díganos qué le pareció' : 'Tell us what you thought');
      expect(mail.parsed.attachments).toEqual([]);
      links.set(person.id, tokenIn(mail.text));
      anonymousLinks.set(person.id, tokenIn(mails.find((m) => m.subject === 'Feedback B')!.text));
    }
  }, ENDS_IN_MS + 90_000);

  const answersOf = (i: number) => {
    const [overall, again, useful, comment, sessionRating] = survey.questions;
    const answers: Record<string, unknown> = {
      [overall.id]: ((i * 7) % 5) + 1,
      [again.id]: again.options[i % 3],
      [useful.id]: useful.options.filter((_, k) => (i >> k) & 1),
    };
    if (i % 4 === 0) answers[comment.id] = `Comment number ${i}`;
    if (i % 2 === 0) answers[sessionRating.id] = ((i * 3) % 5) + 1;
    return answers;
  };

  it('is answered once by each of the 30 checked-in attendees, and the report counts exactly what they sent', async () => {
    const sent = checkedIn.map((_, i) => answersOf(i));
    for (const [i, person] of checkedIn.entries()) {
      const token = links.get(person.id)!;
      const form = await ctx.app.http.get(`/survey-invitation?token=${encodeURIComponent(token)}`).expect(200);
      expect(form.body.questions.map((q: { id: string }) => q.id)).toEqual(survey.questions.map((q) => q.id));
      expect(form.body.questions[4].session).toBe('Opening plenary');
      await ctx.app.http
        .post(`/survey-invitation/answers?token=${encodeURIComponent(token)}`)
        .send({ answers: sent[i] })
        .expect(201);
    }
    const twice = links.get(checkedIn[3].id)!;
    const refused = await ctx.app.http
      .post(`/survey-invitation/answers?token=${encodeURIComponent(twice)}`)
      .send({ answers: answersOf(99) })
      .expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toMatch(/answered/);
    await ctx.app.http.get(`/survey-invitation?token=${encodeURIComponent(twice)}`).expect(409);

    // What the attendees sent, counted here without the app.
    const [overall, again, useful, comment, sessionRating] = survey.questions;
    const ratings = sent.map((a) => a[overall.id] as number);
    const sessionRatings = sent.flatMap((a) => (a[sessionRating.id] === undefined ? [] : [a[sessionRating.id] as number]));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const countOf = (values: unknown[], value: unknown) => values.filter((v) => v === value).length;

    const requested = await ctx.app.http.post(`/events/${event.id}/reports`).set('Authorization', auth).expect(202);
    const report = await waitFor('the report', async () => {
      const r = await ctx.app.http.get(`/events/${event.id}/reports/${requested.body.id}`).set('Authorization', auth).expect(200);
      return r.body.status === 'completed' ? r.body : null;
    });
    const section = report.data.surveys.find((s: { surveyId: string }) => s.surveyId === survey.id);
    expect(section).toMatchObject({ title: 'How did it go?', anonymous: false, invited: ATTENDEES, responses: ATTENDEES, responseRate: 1 });
    const [qOverall, qAgain, qUseful, qComment, qSession] = section.questions;
    expect(qOverall.answered).toBe(ATTENDEES);
    expect(qOverall.average).toBeCloseTo(mean(ratings), 2);
    expect(qOverall.distribution).toEqual(['1', '2', '3', '4', '5'].map((v) => ({ value: v, count: countOf(ratings, Number(v)) })));
    expect(qAgain.distribution).toEqual(
      again.options.map((o) => ({
        value: o,
        count: countOf(
          sent.map((a) => a[again.id]),
          o,
        ),
      })),
    );
    expect(qUseful.distribution).toEqual(
      useful.options.map((o) => ({ value: o, count: sent.filter((a) => (a[useful.id] as string[]).includes(o)).length })),
    );
    expect(qUseful.answered).toBe(sent.filter((a) => (a[useful.id] as string[]).length > 0).length);
    expect(qComment.comments).toEqual(sent.flatMap((a) => (a[comment.id] ? [a[comment.id]] : [])).sort());
    expect(qSession).toMatchObject({ session: 'Opening plenary', answered: sessionRatings.length });
    expect(qSession.average).toBeCloseTo(mean(sessionRatings), 2);
    expect(section.sessions).toEqual([
      {
        sessionId: session.id,
        session: 'Opening plenary',
        ratings: sessionRatings.length,
        average: expect.closeTo(mean(sessionRatings), 2),
      },
    ]);

    const csv = await ctx.app.http.get(`/events/${event.id}/reports/${requested.body.id}.csv`).set('Authorization', auth).expect(200);
    const n = report.data.surveys.indexOf(section) + 1;
    expect(csv.text).toContain(`survey,${n}.responses,${ATTENDEES}`);
    expect(csv.text).toContain(`survey,${n}.q1.average,${qOverall.average}`);
    const html = await ctx.app.http.get(`/events/${event.id}/reports/${requested.body.id}.html`).set('Authorization', auth).expect(200);
    expect(html.text).toContain('Feedback: How did it go?');
    expect(html.text).toContain('<svg');
    expect(html.text).toContain('Comment number 0');

    const results = await ctx.app.http.get(`/events/${event.id}/surveys/${survey.id}/results`).set('Authorization', auth).expect(200);
    expect(results.body.questions[0].average).toBe(qOverall.average);
  });

  it('sends no invitation to an attendee who never checked in', async () => {
    expect(ctx.smtp.for(absent.email).filter((m) => m.subject.startsWith('Feedback'))).toEqual([]);
    const rows = await ctx.db.query(`SELECT 1 FROM survey_invitations WHERE registration_id = $1`, [absent.id]);
    expect(rows).toEqual([]);
    const invited = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM survey_invitations WHERE survey_id = $1`, [
      survey.id,
    ]);
    expect(invited[0].n).toBe(ATTENDEES);
  });

  it('keeps an anonymous survey’s answers apart from who gave them', async () => {
    const [overall, comment] = anonymous.questions;
    const who = checkedIn.slice(0, 5);
    for (const [i, person] of who.entries()) {
      await ctx.app.http
        .post(`/survey-invitation/answers?token=${encodeURIComponent(anonymousLinks.get(person.id)!)}`)
        .send({ answers: { [overall.id]: i + 1, [comment.id]: `Said by someone ${i}` } })
        .expect(201);
    }
    const responses = await ctx.db.query<{ invitation_id: string | null; submitted_at: Date | null }>(
      `SELECT invitation_id, submitted_at FROM survey_responses WHERE survey_id = $1`,
      [anonymous.id],
    );
    expect(responses).toHaveLength(5);
    expect(responses.every((r) => r.invitation_id === null && r.submitted_at === null)).toBe(true);
    const used = await ctx.db.query<{ registration_id: string }>(
      `SELECT registration_id FROM survey_invitations WHERE survey_id = $1 AND answered_at IS NOT NULL`,
      [anonymous.id],
    );
    expect(used.map((r) => r.registration_id).sort()).toEqual(who.map((p) => p.id).sort());

    const results = await ctx.app.http.get(`/events/${event.id}/surveys/${anonymous.id}/results`).set('Authorization', auth).expect(200);
    expect(results.body).toMatchObject({ anonymous: true, responses: 5 });
    const text = JSON.stringify(results.body);
    for (const person of checkedIn) {
      expect(text).not.toContain(person.email);
      expect(text).not.toContain(person.id);
    }
  });

  it('names the field of an invalid answer, and of an invalid question', async () => {
    const token = encodeURIComponent(links.get(checkedIn[0].id)!);
    // Answered already: the refusal comes before the answers are looked at.
    await ctx.app.http.post(`/survey-invitation/answers?token=${token}`).send({ answers: {} }).expect(409);
    const draft = (
      await ctx.app.http
        .post(`/events/${event.id}/surveys`)
        .set('Authorization', auth)
        .send({ title: 'Draft', questions: [{ kind: 'single_choice', prompt: 'Pick', options: [] }] })
        .expect(400)
    ).body;
    expect(draft.errors).toEqual([expect.objectContaining({ field: 'questions[0].options' })]);
    const bad = await ctx.app.http
      .post(`/events/${event.id}/surveys`)
      .set('Authorization', auth)
      .send({ title: 'Draft', questions: [{ kind: 'rating', prompt: 'Rate', sessionId: '00000000-0000-4000-8000-000000000000' }] })
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'questions[0].sessionId', message: 'not a session of this event' }]);

    // A fresh invitation, answered wrongly: nothing is recorded and the link still works.
    const [overall, comment] = anonymous.questions;
    const fresh = encodeURIComponent(anonymousLinks.get(checkedIn[20].id)!);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const wrong = await ctx.app.http
      .post(`/survey-invitation/answers?token=${fresh}`)
      .send({ answers: { [overall.id]: 7, [comment.id]: ['not', 'text'], [unknown]: 1 } })
      .expect(400);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body.errors).toEqual(
      expect.arrayContaining([
        { field: `answers.${overall.id}`, message: 'expected a whole number from 1 to 5' },
        { field: `answers.${comment.id}`, message: 'expected text' },
        { field: `answers.${unknown}`, message: 'not a question of this survey' },
      ]),
    );
    const missing = await ctx.app.http
      .post(`/survey-invitation/answers?token=${fresh}`)
      .send({ answers: { [comment.id]: 'Only this' } })
      .expect(400);
    expect(missing.body.errors).toEqual([{ field: `answers.${overall.id}`, message: 'required' }]);
    await ctx.app.http.get(`/survey-invitation?token=${fresh}`).expect(200);
    await ctx.app.http.get(`/survey-invitation?token=not-a-known-token`).expect(404);
  });

  it('takes one of two answers sent at the same moment with one link, and refuses the other', async () => {
    const [overall] = anonymous.questions;
    const token = encodeURIComponent(anonymousLinks.get(checkedIn[22].id)!);
    const before = await ctx.db.query(`SELECT 1 FROM survey_responses WHERE survey_id = $1`, [anonymous.id]);
    const statuses = await Promise.all(
      [2, 5].map(
        async (rating) =>
          (await ctx.app.http.post(`/survey-invitation/answers?token=${token}`).send({ answers: { [overall.id]: rating } })).status,
      ),
    );
    expect(statuses.sort()).toEqual([201, 409]);
    const after = await ctx.db.query(`SELECT 1 FROM survey_responses WHERE survey_id = $1`, [anonymous.id]);
    expect(after.length).toBe(before.length + 1);
  });

  it('is answered on a page in the attendee’s language, once, without an account', async () => {
    const [overall, comment] = anonymous.questions;
    const token = anonymousLinks.get(checkedIn[21].id)!;
    const browser = request.agent(ctx.app.plenary.url!);
    expect(checkedIn[21].language).toBe('es');
    // In the language they registered with, whatever the browser asks for.
    const page = await browser
      .get(`/survey?token=${encodeURIComponent(token)}`)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).toContain('How was the meeting overall?');
    expect(page.text).toContain('Enviar mis respuestas');
    expect(page.text.match(new RegExp(`type="radio" name="q.${overall.id}"`, 'g'))).toHaveLength(5);
    expect(page.text).toContain(`<textarea id="q-${comment.id}" name="q.${comment.id}"`);
    const csrf = csrfIn(page.text);
    const empty = await browser
      .post('/survey')
      .type('form')
      .send({ _csrf: csrf, token, [`q.${comment.id}`]: 'Sin nota' })
      .expect(400);
    expect(empty.text).toContain('Por favor, responda a esta pregunta');
    expect(empty.text).toContain('Sin nota');
    const before = await ctx.db.query(`SELECT 1 FROM survey_responses WHERE survey_id = $1`, [anonymous.id]);
    const sent = await browser
      .post('/survey')
      .type('form')
      .send({ _csrf: csrf, token, [`q.${overall.id}`]: '4', [`q.${comment.id}`]: 'Muy útil' })
      .expect(200);
    expect(sent.text).toContain('Sus respuestas han quedado registradas');
    const after = await ctx.db.query(`SELECT 1 FROM survey_responses WHERE survey_id = $1`, [anonymous.id]);
    expect(after.length).toBe(before.length + 1);
    const again = await browser.get(`/survey?token=${encodeURIComponent(token)}`).expect(409);
    expect(again.text).toContain('This survey has been answered with your link already');
    await browser.get('/survey?token=not-a-token').expect(404);
  });

  it('refuses answers once the survey is closed', async () => {
    const person = checkedIn[10];
    const token = encodeURIComponent(anonymousLinks.get(person.id)!);
    // Its closing time passing closes it as surely as closing it by hand.
    const past = new Date(Date.now() - 60_000).toISOString();
    const lapsed = await ctx.app.http
      .patch(`/events/${event.id}/surveys/${anonymous.id}`)
      .set('Authorization', auth)
      .send({ closesAt: past })
      .expect(200);
    expect(lapsed.body.status).toBe('closed');
    await ctx.app.http.get(`/survey-invitation?token=${token}`).expect(410);
    await ctx.app.http.patch(`/events/${event.id}/surveys/${anonymous.id}`).set('Authorization', auth).send({ closesAt: null }).expect(200);
    await ctx.app.http.get(`/survey-invitation?token=${token}`).expect(200);
    await ctx.app.http.post(`/events/${event.id}/surveys/${anonymous.id}/close`).set('Authorization', auth).expect(200);
    const page = await ctx.app.http.get(`/survey-invitation?token=${token}`).expect(410);
    expect(page.body.detail).toMatch(/closed/);
    await ctx.app.http
      .post(`/survey-invitation/answers?token=${token}`)
      .send({ answers: { [anonymous.questions[0].id]: 3 } })
      .expect(410);
    const rows = await ctx.db.query(`SELECT 1 FROM survey_responses WHERE survey_id = $1`, [anonymous.id]);
    expect(rows).toHaveLength(7);
    const closedPage = await request(ctx.app.plenary.url!).get(`/survey?token=${token}`).expect(410);
    expect(closedPage.text).toContain('This survey no longer takes answers');
  });

  it('answers 404 to an organiser of another event, and refuses a rule carrying another event’s survey', async () => {
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', auth)
      .send({ email: 'other@org.test', name: 'Other', password: 'other-password-1' })
      .expect(201);
    const other = await login(ctx.app.http, 'other@org.test', 'other-password-1');
    for (const path of [
      `/events/${event.id}/surveys`,
      `/events/${event.id}/surveys/${survey.id}`,
      `/events/${event.id}/surveys/${survey.id}/results`,
    ]) {
      await ctx.app.http.get(path).set('Authorization', other).expect(404);
    }
    const own = await ctx.app.http
      .post('/events')
      .set('Authorization', other)
      .send({ title: 'Other', timezone: 'UTC', startsAt: '2030-01-01T09:00', endsAt: '2030-01-01T17:00', defaultReminders: false })
      .expect(201);
    await ctx.app.http.get(`/events/${own.body.id}/surveys/${survey.id}/results`).set('Authorization', other).expect(404);
    const rule = await ctx.app.http
      .post(`/events/${own.body.id}/reminder-rules`)
      .set('Authorization', other)
      .send({ name: 'Steal', anchor: 'event_end', audience: 'checked_in', surveyId: survey.id })
      .expect(400);
    expect(rule.body.errors).toEqual([{ field: 'surveyId', message: 'not a survey of this event' }]);
  });
  it('shows the results on the dashboard and builds a survey from its simple form', async () => {
    const organiser = await dashboardAgent(ctx.app.plenary.url!, ADMIN.email, ADMIN.password);
    const page = await organiser.get(`/dashboard/events/${event.id}/surveys/${survey.id}`).expect(200);
    expect(page.text).toContain(`${ATTENDEES} responses from ${ATTENDEES} invited`);
    const results = (await ctx.app.http.get(`/events/${event.id}/surveys/${survey.id}/results`).set('Authorization', auth).expect(200))
      .body;
    expect(page.text).toContain(`average ${results.questions[0].average}`);
    expect(page.text).toContain('Comment number 0');
    expect(page.text).toContain('<meter');
    const outsider = await dashboardAgent(ctx.app.plenary.url!, 'other@org.test', 'other-password-1');
    await outsider.get(`/dashboard/events/${event.id}/surveys/${survey.id}`).expect(404);

    const wrong = await organiser
      .post(`/dashboard/events/${event.id}/surveys`, { title: 'Day two', questions: 'stars: How was it?' })
      .expect(400);
    expect(wrong.text).toContain('line 1: start with rating:, choice:, multi: or text:');
    const made = await organiser
      .post(`/dashboard/events/${event.id}/surveys`, {
        title: 'Day two',
        anonymous: 'on',
        questions:
          '*rating: How was day two?\nchoice: Come again? | Yes | No\ntext: Anything else?\nrating [Opening plenary]: And the opening?',
      })
      .expect(303);
    const id = /surveys\/([0-9a-f-]{36})/.exec(made.headers.location)![1];
    const built = (await ctx.app.http.get(`/events/${event.id}/surveys/${id}`).set('Authorization', auth).expect(200)).body;
    expect(built).toMatchObject({ title: 'Day two', anonymous: true, status: 'draft' });
    expect(built.questions.map((q: Question & { prompt: string; required: boolean }) => [q.kind, q.prompt, q.options, q.required])).toEqual(
      [
        ['rating', 'How was day two?', [], true],
        ['single_choice', 'Come again?', ['Yes', 'No'], false],
        ['text', 'Anything else?', [], false],
        ['rating', 'And the opening?', [], false],
      ],
    );
    expect(built.questions[3].sessionId).toBe(session.id);
    await organiser.post(`/dashboard/events/${event.id}/surveys/${id}/open`, { hoursAfter: '2' }).expect(303);
    const rules = (await ctx.app.http.get(`/events/${event.id}/reminder-rules`).set('Authorization', auth).expect(200)).body.items;
    expect(rules.find((r: { surveyId: string }) => r.surveyId === id)).toMatchObject({
      anchor: 'event_end',
      offsetMinutes: 120,
      audience: 'checked_in',
    });
  });
});
