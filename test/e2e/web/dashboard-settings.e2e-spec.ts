import { describeSpan, parseEventTime } from '../../../src/platform/time/zoned-time';
import { attendee, createOpenEvent, daysFromNow } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';
import { DashboardAgent, errorBeside, inputValue, isChecked, logInAgent, pageText, textareaValue } from './dashboard-pages';

const ORGANISER = { email: 'olga@region.test', name: 'Olga Organiser', password: 'olga-password-1' };
const OUTSIDER = { email: 'otto@elsewhere.test', name: 'Otto Outsider', password: 'otto-password-1' };

type OpenEvent = Awaited<ReturnType<typeof createOpenEvent>>;

describe('organiser dashboard: event settings, postpone and cancel, members, outcomes, events list', () => {
  const ctx = useTestApp();
  let auth: string;
  let owner: DashboardAgent;
  let organiser: DashboardAgent;
  let outsider: DashboardAgent;
  let event: OpenEvent;

  const base = () => ctx.app.plenary.url as string;
  const settingsPath = (e: { id: string } = event) => `/dashboard/events/${e.id}/settings`;
  const apiEvent = async (id = event.id) => (await ctx.app.http.get(`/events/${id}`).set('Authorization', auth).expect(200)).body;

  /** Every field of the settings form as the page shows it now, so a test changes only what it means to. */
  async function settingsFields(agent: DashboardAgent, e: { id: string } = event): Promise<Record<string, string>> {
    const page = await agent.agent.get(settingsPath(e)).expect(200);
    const html = page.text;
    const fields: Record<string, string> = {};
    for (const name of [
      'title',
      'slug',
      'timezone',
      'startsAt',
      'endsAt',
      'venue',
      'capacity',
      'registrationOpensAt',
      'registrationClosesAt',
      'materialsDueAt',
    ]) {
      fields[name] = inputValue(html, name) ?? '';
    }
    fields.description = textareaValue(html, 'description') ?? '';
    for (const name of ['requiresApproval', 'defaultReminders']) if (isChecked(html, name)) fields[name] = 'yes';
    const rows = Number(inputValue(html, 'coRows'));
    fields.coRows = String(rows);
    for (let i = 0; i < rows; i += 1) {
      fields[`coName${i}`] = inputValue(html, `coName${i}`) ?? '';
      fields[`coUrl${i}`] = inputValue(html, `coUrl${i}`) ?? '';
    }
    return fields;
  }

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    for (const person of [ORGANISER, OUTSIDER]) await ctx.app.http.post('/organisers').set('Authorization', auth).send(person).expect(201);
    event = await createOpenEvent(ctx.app.http, auth, { title: 'EU–LAC regions meeting' });
    await ctx.app.http
      .post(`/events/${event.id}/members`)
      .set('Authorization', auth)
      .send({ email: ORGANISER.email, role: 'organiser' })
      .expect(201);
    owner = await logInAgent(base(), ADMIN.email, ADMIN.password);
    organiser = await logInAgent(base(), ORGANISER.email, ORGANISER.password);
    outsider = await logInAgent(base(), OUTSIDER.email, OUTSIDER.password);
  });

  it('shows the settings and saves the edited ones, co-organisers with links added row by row, through the PATCH service', async () => {
    const page = await owner.agent.get(settingsPath()).expect(200);
    expect(inputValue(page.text, 'title')).toBe('EU–LAC regions meeting');
    expect(inputValue(page.text, 'timezone')).toBe('Europe/Brussels');
    expect(page.text).toContain('<datalist id="time-zones">');
    expect(page.text).toContain('<option value="America/Santiago">');
    expect(inputValue(page.text, 'startsAt')).toBe(daysFromNow(30, '09:00'));

    const fields = await settingsFields(owner);
    // "Add another co-organiser" shows one more row and keeps what was typed, saving nothing.
    const added = await owner
      .post(settingsPath(), {
        ...fields,
        coName0: 'Joint Research Centre',
        coUrl0: 'https://joint-research-centre.ec.europa.eu',
        step: 'add-row',
      })
      .expect(200);
    expect(inputValue(added.text, 'coName0')).toBe('Joint Research Centre');
    expect(inputValue(added.text, 'coName1')).toBe('');
    expect((await apiEvent()).coOrganisers).toEqual([]);

    await owner
      .post(settingsPath(), {
        ...fields,
        coRows: '2',
        coName0: 'Joint Research Centre',
        coUrl0: 'https://joint-research-centre.ec.europa.eu',
        coName1: 'Committee of the Regions',
        coUrl1: '',
        title: 'EU–Latin America region-to-region meeting',
        description: 'Two days of regions presenting joint results.',
        venue: 'Committee of the Regions, Brussels',
        capacity: '250',
        registrationOpensAt: daysFromNow(1, '08:00'),
        registrationClosesAt: daysFromNow(28, '18:00'),
        materialsDueAt: daysFromNow(25, '12:00'),
        requiresApproval: 'yes',
        step: 'save',
      })
      .expect(303)
      .expect('location', `${settingsPath()}?done=saved`);

    const saved = await apiEvent();
    expect(saved).toMatchObject({
      title: 'EU–Latin America region-to-region meeting',
      description: 'Two days of regions presenting joint results.',
      venue: 'Committee of the Regions, Brussels',
      capacity: 250,
      requiresApproval: true,
      coOrganisers: [
        { name: 'Joint Research Centre', url: 'https://joint-research-centre.ec.europa.eu' },
        { name: 'Committee of the Regions', url: null },
      ],
    });
    expect(saved.registrationOpensAt.slice(0, 16)).toBe(daysFromNow(1, '08:00'));
    expect(saved.materialsDueAt.slice(0, 16)).toBe(daysFromNow(25, '12:00'));
    // Untouched times were not sent: the event did not move.
    expect(saved.startsAt.slice(0, 16)).toBe(daysFromNow(30, '09:00'));
    const shown = await owner.agent.get(`${settingsPath()}?done=saved`).expect(200);
    expect(pageText(shown.text)).toContain('The settings are saved.');

    // Removing a row removes that co-organiser only.
    const again = await settingsFields(owner);
    await owner.post(settingsPath(), { ...again, coRemove0: 'yes', step: 'save' }).expect(303);
    expect((await apiEvent()).coOrganisers).toEqual([{ name: 'Committee of the Regions', url: null }]);

    // With nobody registered or presenting yet, new dates are saved right here: there is nobody to tell.
    const early = await createOpenEvent(ctx.app.http, auth, { title: 'Meeting still being planned' });
    const earlyFields = await settingsFields(owner, early);
    await owner
      .post(settingsPath(early), { ...earlyFields, startsAt: daysFromNow(60, '10:00'), endsAt: daysFromNow(61, '16:00'), step: 'save' })
      .expect(303);
    expect((await apiEvent(early.id)).startsAt.slice(0, 16)).toBe(daysFromNow(60, '10:00'));
  });

  it('shows each refusal beside its field in words, keeps what was typed and answers 400, 409 or 422 like the API', async () => {
    const fields = await settingsFields(owner);
    const before = await apiEvent();

    const order = await owner
      .post(settingsPath(), {
        ...fields,
        title: 'Typed title',
        startsAt: daysFromNow(40, '09:00'),
        endsAt: daysFromNow(39, '09:00'),
        step: 'save',
      })
      .expect(400);
    expect(errorBeside(order.text, 'endsAt')).toBe('Ends must be after Starts.');
    expect(inputValue(order.text, 'endsAt')).toBe(daysFromNow(39, '09:00'));
    expect(inputValue(order.text, 'title')).toBe('Typed title');

    const invalid = await owner
      .post(settingsPath(), {
        ...fields,
        timezone: 'Mars/Olympus',
        title: ' ',
        coRows: '1',
        coName0: 'Region of Piura',
        coUrl0: 'piura.gob.pe',
        step: 'save',
      })
      .expect(400);
    expect(errorBeside(invalid.text, 'timezone')).toBe('Choose a time zone from the list, such as Europe/Brussels.');
    expect(inputValue(invalid.text, 'timezone')).toBe('Mars/Olympus');
    expect(errorBeside(invalid.text, 'title')).toBe('This is required.');
    expect(errorBeside(invalid.text, 'coUrl0')).toBe('Enter a web address starting with http:// or https://.');
    expect(inputValue(invalid.text, 'coUrl0')).toBe('piura.gob.pe');
    expect(invalid.text).toContain('Please correct the fields marked below.');

    const other = await createOpenEvent(ctx.app.http, auth, { title: 'Another meeting', slug: 'another-meeting' });
    const taken = await owner.post(settingsPath(), { ...fields, slug: 'another-meeting', step: 'save' }).expect(409);
    expect(errorBeside(taken.text, 'slug')).toBe('Another event already uses this address; choose another one.');
    expect(inputValue(taken.text, 'slug')).toBe('another-meeting');
    const badSlug = await owner.post(settingsPath(), { ...fields, slug: 'Not A Slug', step: 'save' }).expect(400);
    expect(errorBeside(badSlug.text, 'slug')).toBe('Use lower-case letters, digits and single hyphens, such as eu-lac-2019.');

    // 02:30 on the last Sunday of March does not exist in Brussels.
    const gapYear = new Date().getUTCFullYear() + 1;
    const lastSunday = 31 - new Date(Date.UTC(gapYear, 2, 31)).getUTCDay();
    const gap = `${gapYear}-03-${lastSunday}T02:30`;
    const skipped = await owner.post(settingsPath(), { ...fields, materialsDueAt: gap, step: 'save' }).expect(422);
    expect(errorBeside(skipped.text, 'materialsDueAt')).toBe('This time does not exist in Europe/Brussels: the clocks skip it that night.');
    expect(inputValue(skipped.text, 'materialsDueAt')).toBe(gap);

    const window = await owner
      .post(settingsPath(), {
        ...fields,
        registrationOpensAt: daysFromNow(10, '09:00'),
        registrationClosesAt: daysFromNow(5, '09:00'),
        step: 'save',
      })
      .expect(400);
    expect(errorBeside(window.text, 'registrationClosesAt')).toBe('Registration closes must be after Registration opens.');

    // In Spanish, the same refusal in Spanish.
    const spanish = await owner
      .post(`${settingsPath()}?lang=es`, { ...fields, startsAt: daysFromNow(40, '09:00'), endsAt: daysFromNow(39, '09:00'), step: 'save' })
      .expect(400);
    expect(errorBeside(spanish.text, 'endsAt')).toBe('Termina debe ser posterior a Empieza.');
    expect(pageText(spanish.text)).toContain('Configuración del evento');
    await owner.agent.get('/dashboard?lang=en').expect(200);

    const after = await apiEvent();
    expect(after).toEqual({ ...before, updatedAt: after.updatedAt });
    expect((await apiEvent(other.id)).slug).toBe('another-meeting');
  });

  it('refuses a settings form posted without its CSRF token and changes nothing', async () => {
    const fields = await settingsFields(owner);
    const refused = await owner.agent
      .post(settingsPath())
      .type('form')
      .send({ ...fields, title: 'Forged title', step: 'save' })
      .expect(403);
    expect(refused.text).toContain('This form has expired or was not sent from this site');
    await owner.agent
      .post(`/dashboard/events/${event.id}/members`)
      .type('form')
      .send({ email: 'forged@region.test', role: 'owner' })
      .expect(403);
    await owner.agent
      .post(`${settingsPath()}/cancel`)
      .type('form')
      .send({ step: 'confirm', previewedStartsAt: '', previewedEndsAt: '', previewedReason: '' })
      .expect(403);
    const now = await apiEvent();
    expect(now.title).not.toBe('Forged title');
    expect(now.status).toBe('published');
  });

  it('keeps the API rules: organisers edit settings but cannot add or remove members; non-members see nothing', async () => {
    const fields = await settingsFields(organiser);
    await organiser.post(settingsPath(), { ...fields, venue: 'Brussels, room JDE 52', step: 'save' }).expect(303);
    expect((await apiEvent()).venue).toBe('Brussels, room JDE 52');

    const members = await organiser.agent.get(`/dashboard/events/${event.id}/members`).expect(200);
    expect(pageText(members.text)).toContain("Only the event's owners can add or remove members");
    expect(members.text).not.toContain('name="email"');
    expect(members.text).not.toContain('/remove"');
    const ownerRow = (await ctx.app.http.get(`/events/${event.id}/members`).set('Authorization', auth).expect(200)).body.items.find(
      (m: { email: string }) => m.email === ADMIN.email,
    );
    await organiser.post(`/dashboard/events/${event.id}/members`, { email: 'sneaky@region.test', role: 'owner' }).expect(403);
    await organiser.agent.get(`/dashboard/events/${event.id}/members/${ownerRow.id}/remove`).expect(403);
    await organiser.post(`/dashboard/events/${event.id}/members/${ownerRow.id}/remove`, {}).expect(403);
    const after = (await ctx.app.http.get(`/events/${event.id}/members`).set('Authorization', auth).expect(200)).body.items;
    expect(after.map((m: { email: string }) => m.email).sort()).toEqual([ADMIN.email, ORGANISER.email].sort());

    for (const path of ['settings', 'settings/postpone', 'settings/cancel', 'members', 'outcomes']) {
      await outsider.agent.get(`/dashboard/events/${event.id}/${path}`).expect(404);
    }
    await outsider.post(settingsPath(), { title: 'Taken over', step: 'save' }).expect(404);
    await outsider.post(`${settingsPath()}/cancel`, { step: 'confirm' }).expect(404);
    await outsider.post(`/dashboard/events/${event.id}/outcomes/outcomes`, { label: 'x', value: '1' }).expect(404);
    expect((await apiEvent()).status).toBe('published');
  });

  it('lets owners add members by email (an address without an account is invited), refuse a duplicate, and remove one after confirming', async () => {
    const path = `/dashboard/events/${event.id}/members`;
    const page = await owner.agent.get(path).expect(200);
    expect(pageText(page.text)).toMatch(/Olga Organiser olga@region\.test Organiser Has an account/);
    expect(pageText(page.text)).toContain('Owner');

    const invited = await owner.post(path, { email: 'Camila.Partner@Region.test', role: 'owner' }).expect(303);
    expect(invited.headers.location).toContain('done=invited');
    const [mail] = await ctx.smtp.waitForMail('camila.partner@region.test');
    expect(mail.text).toContain('/set-password?token=');
    const list = await owner.agent.get(invited.headers.location).expect(200);
    expect(pageText(list.text)).toContain('camila.partner@region.test is now a member and has been emailed an invitation');
    expect(pageText(list.text)).toMatch(/camila\.partner@region\.test Owner Invited, no password yet/);

    const duplicate = await owner.post(path, { email: ORGANISER.email, role: 'organiser' }).expect(409);
    expect(errorBeside(duplicate.text, 'email')).toBe('This person is already a member of this event.');
    expect(inputValue(duplicate.text, 'email')).toBe(ORGANISER.email);
    const bad = await owner.post(path, { email: 'not-an-address', role: 'organiser' }).expect(400);
    expect(errorBeside(bad.text, 'email')).toBe('Enter an email address such as name@example.org.');
    expect(inputValue(bad.text, 'email')).toBe('not-an-address');

    const members = (await ctx.app.http.get(`/events/${event.id}/members`).set('Authorization', auth).expect(200)).body.items;
    const camila = members.find((m: { email: string }) => m.email === 'camila.partner@region.test');
    const confirm = await owner.agent.get(`${path}/${camila.id}/remove`).expect(200);
    expect(pageText(confirm.text)).toContain('will no longer see or change this event');
    // Looking at the confirmation removes nobody.
    expect((await ctx.app.http.get(`/events/${event.id}/members`).set('Authorization', auth).expect(200)).body.items).toHaveLength(3);
    await owner.post(`${path}/${camila.id}/remove`, {}).expect(303).expect('location', `${path}?done=removed`);
    const left = (await ctx.app.http.get(`/events/${event.id}/members`).set('Authorization', auth).expect(200)).body.items;
    expect(left.map((m: { email: string }) => m.email)).not.toContain('camila.partner@region.test');

    // The last owner stays: removing them is refused with the reason.
    const me = left.find((m: { email: string }) => m.email === ADMIN.email);
    const refused = await owner.post(`${path}/${me.id}/remove`, {}).expect(409);
    expect(pageText(refused.text)).toContain("This is the event's last owner");
  });

  it('postpones by a week after previewing who is told, the moved reminders and the notice with the new dates; the notice reaches the SMTP sink', async () => {
    const moving = await createOpenEvent(ctx.app.http, auth, { title: 'Regions postponed' });
    const spanish = attendee({ name: 'Lucía Spanish', language: 'es' });
    const english = attendee({ name: 'Edward English', language: 'en' });
    await ctx.app.http.post(`/events/${moving.id}/registrations`).set('Authorization', auth).send(english).expect(201);
    await ctx.app.http.post(`/events/${moving.id}/registrations`).set('Authorization', auth).send(spanish).expect(201);
    await ctx.smtp.waitForMail(english.email);
    await ctx.smtp.waitForMail(spanish.email);
    const before = await apiEvent(moving.id);
    const path = `${settingsPath(moving)}/postpone`;

    // Moving the dates in the settings form tells people too, so it is not saved there without the preview.
    const fields = await settingsFields(owner, moving);
    const moved = await owner
      .post(settingsPath(moving), { ...fields, startsAt: daysFromNow(37, '09:00'), endsAt: daysFromNow(38, '17:30'), step: 'save' })
      .expect(409);
    expect(errorBeside(moved.text, 'startsAt')).toMatch(/^Moving the event tells 2 people by email\./);
    expect(inputValue(moved.text, 'startsAt')).toBe(daysFromNow(37, '09:00'));
    expect(moved.text).toContain(`formaction="${path}"`);
    expect((await apiEvent(moving.id)).startsAt).toBe(before.startsAt);

    const form = await owner.agent.get(path).expect(200);
    const startsAt = inputValue(form.text, 'startsAt') as string;
    const endsAt = inputValue(form.text, 'endsAt') as string;
    expect(startsAt).toBe(daysFromNow(37, '09:00'));
    expect(endsAt).toBe(daysFromNow(38, '17:30'));

    const preview = await owner.post(path, { startsAt, endsAt, step: 'preview' }).expect(200);
    const newStart = parseEventTime(startsAt, 'Europe/Brussels');
    const newEnd = parseEventTime(endsAt, 'Europe/Brussels');
    const shift = newStart.getTime() - new Date(before.startsAt).getTime();
    const when = describeSpan(newStart, newEnd, 'Europe/Brussels', 'en-GB');
    const text = pageText(preview.text);
    expect(text).toContain('People who receive the notice by email: 2');
    expect(text).toContain('confirmed registrations: 2');
    expect(preview.text).toContain(`now takes place ${when}`);
    expect(text).toContain('The event has new dates: Regions postponed');
    // The standard rules' pending reminders move a week with the start, as the page says in its rows.
    const rules = (await ctx.app.http.get(`/events/${moving.id}/reminder-rules`).set('Authorization', auth).expect(200)).body.items;
    const pending = rules.flatMap((rule: { name: string; scheduled: Array<{ dueAt: string; state: string }> }) =>
      rule.scheduled.filter((r) => r.state === 'pending').map((r) => ({ name: rule.name, dueAt: new Date(r.dueAt) })),
    );
    expect(pending.length).toBeGreaterThan(0);
    const shown = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' });
    for (const reminder of pending) {
      expect(text).toContain(
        `${reminder.name} ${shown.format(reminder.dueAt)} ${shown.format(new Date(reminder.dueAt.getTime() + shift))}`,
      );
    }
    expect((await apiEvent(moving.id)).startsAt).toBe(before.startsAt);

    // Confirming dates other than those previewed shows their preview instead of changing anything.
    const changedMind = await owner
      .post(path, {
        startsAt: daysFromNow(44, '09:00'),
        endsAt: daysFromNow(45, '17:30'),
        step: 'confirm',
        previewedStartsAt: startsAt,
        previewedEndsAt: endsAt,
        previewedReason: '',
      })
      .expect(200);
    expect(pageText(changedMind.text)).toContain('People who receive the notice by email');
    expect((await apiEvent(moving.id)).startsAt).toBe(before.startsAt);

    const wrong = await owner.post(path, { startsAt, endsAt: startsAt, step: 'preview' }).expect(400);
    expect(errorBeside(wrong.text, 'endsAt')).toBe('Ends must be after Starts.');
    expect(inputValue(wrong.text, 'endsAt')).toBe(startsAt);

    await owner
      .post(path, { startsAt, endsAt, step: 'confirm', previewedStartsAt: startsAt, previewedEndsAt: endsAt, previewedReason: '' })
      .expect(303)
      .expect('location', `${settingsPath(moving)}?done=postponed`);
    const after = await apiEvent(moving.id);
    expect(new Date(after.startsAt).getTime()).toBe(newStart.getTime());
    expect(new Date(after.endsAt).getTime()).toBe(newEnd.getTime());
    expect(after.postponedAt).not.toBeNull();

    const notices = await waitFor('the postponement notices', () => {
      const mails = ctx.smtp.received.filter((m) => m.subject.includes('Regions postponed') && /new dates|nuevas fechas/i.test(m.subject));
      return mails.length >= 2 ? mails : null;
    });
    const toEnglish = notices.find((m) => m.to.includes(english.email.toLowerCase()));
    expect(toEnglish?.text).toContain(`now takes place ${when}`);
    const toSpanish = notices.find((m) => m.to.includes(spanish.email.toLowerCase()));
    expect(toSpanish?.text).toContain(describeSpan(newStart, newEnd, 'Europe/Brussels', 'es-ES'));
  });

  it('cancels after previewing the notice with its reason; the notice is sent and the event can no longer change', async () => {
    const doomed = await createOpenEvent(ctx.app.http, auth, { title: 'Regions cancelled' });
    const person = attendee({ name: 'Pedro Peru' });
    await ctx.app.http.post(`/events/${doomed.id}/registrations`).set('Authorization', auth).send(person).expect(201);
    await ctx.smtp.waitForMail(person.email);
    const path = `${settingsPath(doomed)}/cancel`;

    const first = await owner.agent.get(path).expect(200);
    expect(pageText(first.text)).toContain('People who receive the notice by email: 1');
    expect(pageText(first.text)).toContain('Cancelling cannot be undone');

    const reason = 'The venue is closed for works.';
    const preview = await owner.post(path, { reason, step: 'preview' }).expect(200);
    expect(pageText(preview.text)).toContain(`Regions cancelled will not take place: ${reason}`);
    expect(pageText(preview.text)).toContain('Dropped');
    expect((await apiEvent(doomed.id)).status).toBe('published');

    await owner
      .post(path, { reason, step: 'confirm', previewedStartsAt: '', previewedEndsAt: '', previewedReason: reason })
      .expect(303)
      .expect('location', `${settingsPath(doomed)}?done=cancelled`);
    const cancelled = await apiEvent(doomed.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellationReason: reason });
    const [notice] = await waitFor('the cancellation notice', () => {
      const mails = ctx.smtp.for(person.email).filter((m) => m.subject.startsWith('The event is cancelled'));
      return mails.length > 0 ? mails : null;
    });
    expect(notice.text).toContain(reason);

    const shown = await owner.agent.get(`${settingsPath(doomed)}?done=cancelled`).expect(200);
    expect(pageText(shown.text)).toContain('This event is cancelled and can no longer change.');
    expect(shown.text).not.toContain('/settings/cancel"');
    const fields = await settingsFields(owner, doomed);
    const refused = await owner.post(settingsPath(doomed), { ...fields, title: 'Revived', step: 'save' }).expect(409);
    expect(pageText(refused.text)).toContain('This event is cancelled and can no longer change.');
    expect(inputValue(refused.text, 'title')).toBe('Revived');
  });

  it('records outcomes and highlights for the report: add, edit, errors beside the fields, delete after confirming', async () => {
    const path = `/dashboard/events/${event.id}/outcomes`;
    const blank = await owner.post(`${path}/outcomes`, { label: 'Missions undertaken', value: '' }).expect(400);
    expect(errorBeside(blank.text, 'value')).toBe('This is required.');
    expect(inputValue(blank.text, 'label')).toBe('Missions undertaken');

    await owner
      .post(`${path}/outcomes`, { label: 'Missions undertaken', value: '40', note: '' })
      .expect(303)
      .expect('location', `${path}?done=outcomeAdded`);
    await owner.post(`${path}/outcomes`, { label: 'Funds raised', value: '12.5 M€', note: 'Joint projects' }).expect(303);
    await owner
      .post(`${path}/highlights`, { quote: 'Regions learn fastest from regions.', attribution: 'A delegate from Biobío' })
      .expect(303);
    const outcomes = (await ctx.app.http.get(`/events/${event.id}/outcomes`).set('Authorization', auth).expect(200)).body.items;
    expect(outcomes.map((o: { label: string; value: unknown }) => [o.label, o.value])).toEqual([
      ['Missions undertaken', 40],
      ['Funds raised', '12.5 M€'],
    ]);

    const page = await owner.agent.get(path).expect(200);
    expect(pageText(page.text)).toContain('Regions learn fastest from regions.');
    expect(page.text).toContain('class="table-wrap"');
    expect(page.text).toContain('class="actions"');

    const missions = outcomes[0];
    const tooBig = await owner.post(`${path}/outcomes/${missions.id}`, { label: '', value: '41', note: '', position: '0' }).expect(400);
    expect(errorBeside(tooBig.text, 'label')).toBe('This is required.');
    expect(errorBeside(tooBig.text, 'position')).toBeDefined();
    expect(inputValue(tooBig.text, 'value')).toBe('41');
    await owner
      .post(`${path}/outcomes/${missions.id}`, { label: 'Missions undertaken', value: '41', note: 'Counted in 2020', position: '3' })
      .expect(303);
    const edited = (await ctx.app.http.get(`/events/${event.id}/outcomes/${missions.id}`).set('Authorization', auth).expect(200)).body;
    expect(edited).toMatchObject({ value: 41, note: 'Counted in 2020', position: 3 });

    const confirm = await owner.agent.get(`${path}/outcomes/${missions.id}/delete`).expect(200);
    expect(pageText(confirm.text)).toContain('Delete this outcome?');
    await ctx.app.http.get(`/events/${event.id}/outcomes/${missions.id}`).set('Authorization', auth).expect(200);
    await owner.post(`${path}/outcomes/${missions.id}/delete`, {}).expect(303).expect('location', `${path}?done=outcomeDeleted`);
    await ctx.app.http.get(`/events/${event.id}/outcomes/${missions.id}`).set('Authorization', auth).expect(404);

    const highlight = (await ctx.app.http.get(`/events/${event.id}/highlights`).set('Authorization', auth).expect(200)).body.items[0];
    await owner.post(`${path}/highlights/${highlight.id}/delete`, {}).expect(303);
    expect((await ctx.app.http.get(`/events/${event.id}/highlights`).set('Authorization', auth).expect(200)).body.items).toEqual([]);
    await owner.agent.get(`${path}/other-things/${highlight.id}`).expect(404);
  });

  it("lists each event with its counts and public link, and the new-event form has the searchable time-zone picker and people's words for errors", async () => {
    const counted = await createOpenEvent(ctx.app.http, auth, { title: 'Counted meeting', capacity: 1 });
    await ctx.app.http.post(`/events/${counted.id}/registrations`).set('Authorization', auth).send(attendee()).expect(201);
    await ctx.app.http.post(`/events/${counted.id}/registrations`).set('Authorization', auth).send(attendee()).expect(201);
    await ctx.app.http
      .post(`/events/${counted.id}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Opening', kind: 'keynote', startsAt: daysFromNow(30, '09:30'), endsAt: daysFromNow(30, '10:30') })
      .expect(201);

    const list = await owner.agent.get('/dashboard').expect(200);
    const row = new RegExp(`<tr data-event-id="${counted.id}">([\\s\\S]*?)</tr>`).exec(list.text)?.[1] as string;
    expect(pageText(row)).toMatch(/Counted meeting Published .* 2 1 1 1 \/e\/counted-meeting/);
    expect(row).toContain(`href="http://plenary.test/e/counted-meeting"`);
    expect(list.text).toContain('list="time-zones"');

    const refused = await owner
      .post('/dashboard/events', { title: '', timezone: 'Mars/Olympus', startsAt: '2031-05-04T09:00', endsAt: '2031-05-03T09:00' })
      .expect(400);
    expect(errorBeside(refused.text, 'timezone')).toBe('Choose a time zone from the list, such as Europe/Brussels.');
    expect(inputValue(refused.text, 'timezone')).toBe('Mars/Olympus');
    const order = await owner
      .post('/dashboard/events', {
        title: 'Backwards',
        timezone: 'Europe/Madrid',
        startsAt: '2031-05-04T09:00',
        endsAt: '2031-05-03T09:00',
      })
      .expect(400);
    expect(errorBeside(order.text, 'endsAt')).toBe('Ends must be after Starts.');

    const spanish = await owner.agent.get('/dashboard?lang=es').expect(200);
    const spanishRow = new RegExp(`<tr data-event-id="${counted.id}">([\\s\\S]*?)</tr>`).exec(spanish.text)?.[1] as string;
    expect(pageText(spanish.text)).toContain('Sus eventos');
    expect(pageText(spanishRow)).toContain('Publicado');
    expect(pageText(spanish.text)).toContain('Nuevo evento');
    await owner.agent.get('/dashboard?lang=en').expect(200);
  });
});
