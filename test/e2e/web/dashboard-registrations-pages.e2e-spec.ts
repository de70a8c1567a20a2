import { randomUUID } from 'node:crypto';
import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { Agent, organiserAgent, textOf } from './dashboard-registrations-support';

describe('organiser dashboard: registration questions, CSV import, overview and search', () => {
  const ctx = useTestApp();
  let auth: string;
  let meeting: Awaited<ReturnType<typeof createSeedMeeting>>;
  let agent: Agent;
  let csrf: string;

  const page = (path: string) => `/dashboard/events/${meeting.event.id}${path}`;
  const questionsNow = async () =>
    (await ctx.app.http.get(`${meeting.base}/questions`).expect(200)).body.items as Array<{
      id: string;
      key: string;
      label: string;
      type: string;
      required: boolean;
      options: string[];
    }>;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    meeting = await createSeedMeeting(ctx.app.http, auth);
    await ctx.app.http.post(`${meeting.base}/publish`).set('Authorization', auth).expect(200);
    ({ agent, csrf } = await organiserAgent(ctx.app.plenary.url as string, ADMIN.email, ADMIN.password));
  });

  describe('registration questions', () => {
    it('lists the six kinds of answer and the Questions tab', async () => {
      const response = await agent.get(page('/questions')).expect(200);
      const text = textOf(response.text);
      for (const kind of ['Text', 'Number', 'One choice', 'Several choices', 'Yes or no', 'Country']) {
        expect(text).toContain(kind);
      }
      expect(response.text).toMatch(/<a href="[^"]+\/questions" aria-current="page">Registration questions<\/a>/);
    });

    it('refuses a choice with one option beside the options, keeping what was typed', async () => {
      const response = await agent
        .post(page('/questions'))
        .type('form')
        .send({ _csrf: csrf, label: 'Which day will you come?', key: '', type: 'choice', options: 'Tuesday', required: 'yes' })
        .expect(400);
      expect(textOf(/<p class="field-error" id="f-options-error">[^<]*<\/p>/.exec(response.text)?.[0] ?? '')).toContain(
        'A choice needs at least two options',
      );
      expect(response.text).toContain('aria-describedby="f-options-error f-options-hint"');
      expect(response.text).toContain('value="Which day will you come?"');
      expect(response.text).toMatch(/<textarea id="f-options"[^>]*>Tuesday<\/textarea>/);
      expect(response.text).toMatch(/<option value="choice" selected>/);
      expect(await questionsNow()).toEqual([]);
    });

    it('refuses a key that breaks the pattern and one already taken, beside the key', async () => {
      const bad = await agent
        .post(page('/questions'))
        .type('form')
        .send({ _csrf: csrf, label: 'Dietary needs', key: 'Diet Needs', type: 'text' })
        .expect(400);
      expect(bad.text).toMatch(/id="f-key-error">Use lower-case letters, digits and underscores/);
      expect(bad.text).toContain('value="Diet Needs"');

      await agent.post(page('/questions')).type('form').send({ _csrf: csrf, label: 'Dietary needs', key: '', type: 'text' }).expect(303);
      const taken = await agent
        .post(page('/questions'))
        .type('form')
        .send({ _csrf: csrf, label: 'Other dietary needs', key: 'dietary_needs', type: 'text' })
        .expect(409);
      expect(taken.text).toMatch(/id="f-key-error">Another question of this event already uses this column name/);
    });

    it('adds, orders, edits and deletes questions through the same service as the API', async () => {
      const created = await agent
        .post(page('/questions'))
        .type('form')
        .send({
          _csrf: csrf,
          label: 'Which day will you come?',
          key: 'day',
          type: 'multi_choice',
          options: 'Tuesday\n\nWednesday\n',
          required: 'yes',
        })
        .expect(303);
      expect(created.headers.location).toBe(page('/questions?saved=created'));
      let questions = await questionsNow();
      expect(questions.map((q) => [q.key, q.type, q.required, q.options])).toEqual([
        ['dietary_needs', 'text', false, []],
        ['day', 'multi_choice', true, ['Tuesday', 'Wednesday']],
      ]);

      await agent
        .post(page(`/questions/${questions[1].id}/move`))
        .type('form')
        .send({ _csrf: csrf, direction: 'up' })
        .expect(303);
      questions = await questionsNow();
      expect(questions.map((q) => q.key)).toEqual(['day', 'dietary_needs']);
      const listed = await agent.get(page('/questions?saved=moved')).expect(200);
      expect(textOf(listed.text)).toContain('The order is changed.');
      expect(listed.text.indexOf('Which day will you come?')).toBeLessThan(listed.text.indexOf('Dietary needs'));

      const form = await agent.get(page(`/questions/${questions[0].id}`)).expect(200);
      expect(form.text).toMatch(/<textarea id="f-options"[^>]*>Tuesday\nWednesday<\/textarea>/);
      const refused = await agent
        .post(page(`/questions/${questions[0].id}`))
        .type('form')
        .send({ _csrf: csrf, label: '   ', options: 'Tuesday\nWednesday\nThursday', required: 'yes' })
        .expect(400);
      expect(refused.text).toMatch(/id="f-label-error">Write the question\./);
      expect(refused.text).toMatch(/>Tuesday\nWednesday\nThursday<\/textarea>/);
      await agent
        .post(page(`/questions/${questions[0].id}`))
        .type('form')
        .send({ _csrf: csrf, label: 'Which days will you come?', options: 'Tuesday\nWednesday\nThursday' })
        .expect(303);
      questions = await questionsNow();
      expect(questions[0]).toMatchObject({
        label: 'Which days will you come?',
        required: false,
        options: ['Tuesday', 'Wednesday', 'Thursday'],
      });

      const confirm = await agent.get(page(`/questions/${questions[1].id}/delete`)).expect(200);
      expect(textOf(confirm.text)).toContain('Delete “Dietary needs”?');
      expect(await questionsNow()).toHaveLength(2);
      await agent
        .post(page(`/questions/${questions[1].id}/delete`))
        .type('form')
        .send({ _csrf: csrf })
        .expect(303);
      expect((await questionsNow()).map((q) => q.key)).toEqual(['day']);
    });

    it('refuses a question form posted without its CSRF value', async () => {
      await agent.post(page('/questions')).type('form').send({ label: 'Sneaky', type: 'text' }).expect(403);
      expect((await questionsNow()).map((q) => q.label)).not.toContain('Sneaky');
    });

    it('shows the page in Spanish', async () => {
      const response = await agent.get(page('/questions?lang=es')).expect(200);
      const text = textOf(response.text);
      expect(text).toContain('Preguntas de inscripción');
      expect(text).toContain('Varias opciones');
      expect(text).not.toContain('multi_choice ');
      // The language sticks in a cookie: back to English for the other tests.
      await agent.get(page('/questions?lang=en')).expect(200);
    });
  });

  describe('CSV import', () => {
    const csv = [
      'name,email,organisation,organisation_type,country_code',
      'Lucía Rojas,lucia@region.test,Gobierno Regional de Piura,public_authority,PE',
      'Broken Address,not-an-address,Nowhere,business,DE',
      'Jan de Vries,jan@region.test,Provincie Utrecht,public_authority,NL',
      'Lucía Again,lucia@region.test,Gobierno Regional de Piura,public_authority,PE',
    ].join('\n');

    it('imports a file, reporting the lines taken and the lines refused with their numbers and why', async () => {
      const response = await agent
        .post(page(`/registrations/import?_csrf=${csrf}`))
        .field('notify', 'no')
        .attach('file', Buffer.from(csv, 'utf8'), { filename: 'regional-attendees.csv', contentType: 'text/csv' })
        .expect(200);
      const text = textOf(response.text);
      expect(text).toContain('Report of regional-attendees.csv');
      expect(text).toContain('4 line(s) read: 2 imported, 2 refused.');
      const refused = textOf(/<table class="import-refused">[\s\S]*?<\/table>/.exec(response.text)?.[0] ?? '');
      expect(refused).toContain('3 not-an-address Email address: Enter an email address such as name@example.org.');
      expect(refused).toContain('5 lucia@region.test This address is already registered for this event.');
      const imported = textOf(/<table class="import-imported">[\s\S]*?<\/table>/.exec(response.text)?.[0] ?? '');
      expect(imported).toContain('2 Lucía Rojas lucia@region.test');
      expect(imported).toContain('4 Jan de Vries jan@region.test');

      const listed = await ctx.app.http.get(`${meeting.base}/registrations?q=region.test`).set('Authorization', auth).expect(200);
      expect(listed.body.items.map((r: { name: string }) => r.name).sort()).toEqual(['Jan de Vries', 'Lucía Rojas']);
    });

    it('writes a long import’s progress into the page as the lines go in, then its report', async () => {
      const lines = ['name,email,country_code'];
      for (let i = 1; i <= 60; i += 1) lines.push(`Long Import ${i},long${i}@import.test,${i === 30 ? 'Nowhere' : 'CL'}`);
      const response = await agent
        .post(page(`/registrations/import?_csrf=${csrf}`))
        .field('notify', 'no')
        .attach('file', Buffer.from(lines.join('\n')), { filename: 'long.csv', contentType: 'text/csv' })
        .expect(200);
      const text = textOf(response.text);
      expect(text).toContain('Importing long.csv…');
      const progress = [...text.matchAll(/(\d+) of 60 lines done/g)].map((m) => Number(m[1]));
      expect(progress).toEqual([25, 50, 60]);
      expect(text.indexOf('60 of 60 lines done')).toBeLessThan(text.indexOf('60 line(s) read: 59 imported, 1 refused.'));
      expect(textOf(/<table class="import-refused">[\s\S]*?<\/table>/.exec(response.text)?.[0] ?? '')).toContain(
        '31 long30@import.test Country code: Choose a country from the list.',
      );
      expect(response.text.match(/<html/g)).toHaveLength(1);
      expect(response.text.trimEnd()).toMatch(/<\/main>\s*<\/body>\s*<\/html>$/);
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    });

    it('says beside the file field when no file is chosen or a column is unknown', async () => {
      const none = await agent
        .post(page(`/registrations/import?_csrf=${csrf}`))
        .field('notify', 'yes')
        .expect(400);
      expect(none.text).toMatch(/id="f-file-error">Choose a CSV file to import\./);
      expect(none.text).toMatch(/name="notify" value="yes" checked/);

      const unknown = await agent
        .post(page(`/registrations/import?_csrf=${csrf}`))
        .attach('file', Buffer.from('name,email,shoe_size\nA,a@region.test,42\n'), { filename: 'odd.csv', contentType: 'text/csv' })
        .expect(400);
      expect(textOf(unknown.text)).toContain('Unknown column(s) shoe_size');
    });

    it('refuses an upload without its CSRF value and imports nothing', async () => {
      await agent
        .post(page('/registrations/import'))
        .attach('file', Buffer.from('name,email\nSneaky,sneaky@region.test\n'), { filename: 'x.csv', contentType: 'text/csv' })
        .expect(403);
      const listed = await ctx.app.http.get(`${meeting.base}/registrations?q=sneaky`).set('Authorization', auth).expect(200);
      expect(listed.body.items).toEqual([]);
    });
  });

  describe('registrations list', () => {
    it('filters like the API, shows enum values as words and keeps a bad filter beside its field', async () => {
      const response = await agent.get(page('/registrations?organisationType=public_authority&countryCode=pe')).expect(200);
      const rows = textOf(/<tbody>[\s\S]*?<\/tbody>/.exec(response.text)?.[0] ?? '');
      expect(rows).toContain('Lucía Rojas');
      expect(rows).not.toContain('Jan de Vries');
      expect(rows).toContain('Public authority');
      expect(rows).toContain('Confirmed');
      expect(rows).not.toContain('public_authority');

      const bad = await agent.get(page('/registrations?countryCode=Peru')).expect(400);
      expect(bad.text).toMatch(/id="f-countryCode-error">Two letters of a country code, such as BE or PE\./);
      expect(bad.text).toContain('value="Peru"');
    });

    it('says beside the address that a walk-in is already registered, keeping what was typed', async () => {
      const response = await agent
        .post(page('/registrations'))
        .type('form')
        .send({ _csrf: csrf, name: 'Lucía Twice', email: 'lucia@region.test', organisation: 'GORE Piura', status: '', notify: 'yes' })
        .expect(409);
      expect(response.text).toMatch(/id="f-email-error">This address is already registered for this event\./);
      expect(response.text).toContain('value="Lucía Twice"');
      expect(response.text).toContain('value="GORE Piura"');
    });

    it('pages with the API cursor', async () => {
      for (let i = 0; i < 51; i += 1) {
        await ctx.app.http
          .post(`${meeting.base}/registrations`)
          .set('Authorization', auth)
          .send({ name: `Paged ${String(i).padStart(2, '0')}`, email: `paged${i}@pages.test`, notify: false })
          .expect(201);
      }
      const first = await agent.get(page('/registrations?q=pages.test')).expect(200);
      expect(first.text.match(/name="registrationId"/g)).toHaveLength(50);
      const next = /<a href="([^"]+)">Next page<\/a>/
        .exec(first.text)?.[1]
        .replace(/&amp;/g, '&')
        .replace(/&#x3D;/g, '=');
      expect(next).toContain('cursor=');
      const second = await agent.get(next as string).expect(200);
      expect(second.text.match(/name="registrationId"/g)).toHaveLength(1);
      expect(textOf(second.text)).toContain('Paged 50');
    });

    it('asks for a selection before a bulk action', async () => {
      const response = await agent.get(page('/registrations/bulk?action=approve')).expect(400);
      expect(textOf(response.text)).toContain('Select at least one registration first.');
      const many = Array.from({ length: 201 }, () => `registrationId=${randomUUID()}`).join('&');
      const tooMany = await agent.get(page(`/registrations/bulk?action=cancel&${many}`)).expect(400);
      expect(textOf(tooMany.text)).toContain('Select at most 200 registrations at once.');
    });
  });

  describe('overview and search', () => {
    it('shows registrations over time as an accessible chart with its table, by country and type, attendance and missing materials', async () => {
      const response = await agent.get(page('')).expect(200);
      expect(response.text).toMatch(/<svg role="img" aria-labelledby="chart-title chart-desc"/);
      expect(response.text).toMatch(/<title id="chart-title">Registrations received per day<\/title>/);
      expect(response.text).toMatch(/<desc id="chart-desc">Bar chart: 112 registrations over 1 day\(s\)/);
      const text = textOf(response.text);
      expect(text).toContain('Peru (PE) 1');
      expect(text).toContain('Netherlands (NL) 1');
      expect(text).toContain('Public authority 2');
      expect(text).toContain(meeting.sessions.session1.title);
      expect(text).toContain('3 presentation(s) have no materials yet:');
      expect(response.text).toContain(
        `href="/dashboard/events/${meeting.event.id}/presentations#presentation-${meeting.presentations.piura.id}"`,
      );
      expect(text).not.toMatch(/public_authority|presenters_missing_materials/);
    });

    it('finds people, sessions and presentations from one box', async () => {
      const person = textOf((await agent.get(page('/search?q=lucía')).expect(200)).text);
      expect(person).toContain('Lucía Rojas');
      const presentation = await agent
        .get(page(`/search?q=${encodeURIComponent(meeting.presentations.piura.title.slice(0, 12))}`))
        .expect(200);
      expect(presentation.text).toContain(`presentations#presentation-${meeting.presentations.piura.id}`);
      const session = await agent.get(page('/search?q=pairings')).expect(200);
      expect(session.text).toContain(`/agenda/sessions/${meeting.sessions.session1.id}`);
      const nothing = textOf((await agent.get(page('/search?q=zzzz-nothing')).expect(200)).text);
      expect(nothing).toContain('Nothing in this event matches “zzzz-nothing”.');
    });
  });

  it('answers 404 on every page to an organiser of another event', async () => {
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', auth)
      .send({ email: 'other@org.test', name: 'Other', password: 'other-password-1' })
      .expect(201);
    const other = await organiserAgent(ctx.app.plenary.url as string, 'other@org.test', 'other-password-1');
    const [question] = await questionsNow();
    for (const path of ['', '/search?q=a', '/questions', `/questions/${question.id}`, '/registrations', '/registrations/import']) {
      await other.agent.get(page(path)).expect(404);
    }
    await other.agent.post(page('/questions')).type('form').send({ _csrf: other.csrf, label: 'Intruder', type: 'text' }).expect(404);
    await other.agent
      .post(page('/registrations/bulk'))
      .type('form')
      .send({ _csrf: other.csrf, action: 'cancel', registrationId: question.id })
      .expect(404);
    expect((await questionsNow()).map((q) => q.label)).not.toContain('Intruder');
  });
});
