import { csrfIn, dashboardAgent } from '../../support/dashboard-agent';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

type Agent = Awaited<ReturnType<typeof dashboardAgent>>;

/** The text of the element with this id in a page, tags and surrounding space removed. */
function textOf(html: string, id: string): string | null {
  const match = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`).exec(html);
  return match ? match[1].replace(/<[^>]+>/g, '').trim() : null;
}

/** The value attribute of the input with this id. */
function valueOf(html: string, id: string): string | null {
  return new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? null;
}

/** The selected option's value of the select with this id. */
function selectedIn(html: string, id: string): string | null {
  const select = new RegExp(`id="${id}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '';
  return /<option value="([^"]*)" selected>/.exec(select)?.[1] ?? null;
}

describe('dashboard: setting up the agenda (rooms, themes, sessions, presentations, bulk invitations)', () => {
  const ctx = useTestApp();
  let auth: string;
  let organiser: Agent;
  let eventId: string;
  let base: string;
  let chairId: string;

  const api = () => ctx.app.http;
  const apiGet = async (path: string) => (await api().get(path).set('Authorization', auth).expect(200)).body;

  beforeAll(async () => {
    auth = await login(api(), ADMIN.email, ADMIN.password);
    const event = await api()
      .post('/events')
      .set('Authorization', auth)
      .send({
        title: 'EU–Latin America region-to-region meeting',
        timezone: 'Europe/Brussels',
        startsAt: '2030-10-08T09:00',
        endsAt: '2030-10-09T17:30',
      })
      .expect(201);
    eventId = event.body.id;
    base = `/dashboard/events/${eventId}`;
    chairId = (
      await api()
        .post(`/events/${eventId}/people`)
        .set('Authorization', auth)
        .send({ name: 'Ana Moreau', email: 'ana.moreau@iuc.test', organisation: 'IUC-LAC', countryCode: 'BE' })
        .expect(201)
    ).body.id;
    organiser = await dashboardAgent(ctx.app.plenary.url as string, ADMIN.email, ADMIN.password);
  });

  describe('rooms and themes', () => {
    it('is a tab of the event and starts empty', async () => {
      const page = await organiser.get(`${base}/rooms-themes`).expect(200);
      expect(page.text).toContain(`href="${base}/rooms-themes" aria-current="page"`);
      expect(page.text).toContain('No rooms yet.');
      expect(page.text).toContain('No themes yet.');
    });

    it('refuses a room without a name beside the field, keeping the capacity typed', async () => {
      const refused = await organiser.post(`${base}/rooms-themes/rooms`, { name: '   ', capacity: '220' }).expect(400);
      expect(textOf(refused.text, 'f-name-error')).toBe('Please enter a name');
      expect(valueOf(refused.text, 'f-capacity')).toBe('220');
      expect((await apiGet(`/events/${eventId}/rooms`)).items).toEqual([]);
    });

    it('adds rooms, refuses a second room of the same name with 409 beside the name, and edits one', async () => {
      await organiser.post(`${base}/rooms-themes/rooms`, { name: 'Plenary hall', capacity: '220' }).expect(303);
      await organiser.post(`${base}/rooms-themes/rooms`, { name: 'Room B', capacity: '' }).expect(303);
      const clash = await organiser.post(`${base}/rooms-themes/rooms`, { name: 'Room B', capacity: '60' }).expect(409);
      expect(textOf(clash.text, 'f-name-error')).toBe('This event already has one named “Room B”');
      expect(valueOf(clash.text, 'f-capacity')).toBe('60');

      const rooms = (await apiGet(`/events/${eventId}/rooms`)).items;
      expect(rooms.map((r: { name: string; capacity: number | null }) => [r.name, r.capacity])).toEqual([
        ['Plenary hall', 220],
        ['Room B', null],
      ]);
      const roomB = rooms[1].id as string;
      const badCapacity = await organiser.post(`${base}/rooms-themes/rooms/${roomB}`, { name: 'Room B', capacity: '0' }).expect(400);
      expect(textOf(badCapacity.text, 'f-capacity-error')).toBe('Capacity must be at least 1');
      await organiser.post(`${base}/rooms-themes/rooms/${roomB}`, { name: 'Room B (ground floor)', capacity: '60' }).expect(303);
      expect((await apiGet(`/events/${eventId}/rooms`)).items[1]).toMatchObject({ name: 'Room B (ground floor)', capacity: 60 });
    });

    it('adds themes with their colour, shows it as a swatch, and refuses a colour that is not one', async () => {
      const refused = await organiser.post(`${base}/rooms-themes/themes`, { themeName: 'Industry', colour: 'blue' }).expect(400);
      expect(textOf(refused.text, 'f-colour-error')).toBe('Choose a colour such as #1f6feb');
      expect(valueOf(refused.text, 'f-themeName')).toBe('Industry');
      const unnamed = await organiser.post(`${base}/rooms-themes/themes`, { themeName: '', colour: '#2e7d32' }).expect(400);
      expect(textOf(unnamed.text, 'f-themeName-error')).toBe('Please enter a name');
      expect(textOf(unnamed.text, 'f-name-error')).toBeNull();
      await organiser.post(`${base}/rooms-themes/themes`, { themeName: 'Sustainability', colour: '#2E7D32' }).expect(303);
      await organiser.post(`${base}/rooms-themes/themes`, { themeName: 'Industry modernisation', colour: '#1565c0' }).expect(303);
      const page = await organiser.get(`${base}/rooms-themes?saved=theme-added`).expect(200);
      expect(page.text).toContain('Theme added.');
      expect(page.text).toMatch(/<svg class="swatch"[^>]*><rect [^>]*fill="#2e7d32"/);
      expect((await apiGet(`/events/${eventId}/themes`)).items.map((t: { colour: string }) => t.colour)).toEqual(['#2e7d32', '#1565c0']);
    });

    it('deletes a theme only after a confirmation page, and refuses to delete a room a session uses', async () => {
      const theme = await api()
        .post(`/events/${eventId}/themes`)
        .set('Authorization', auth)
        .send({ name: 'To be removed', colour: '#999999' })
        .expect(201);
      const confirm = await organiser.get(`${base}/rooms-themes/themes/${theme.body.id}/delete`).expect(200);
      expect(confirm.text).toContain('Delete the theme “To be removed”?');
      expect((await apiGet(`/events/${eventId}/themes`)).items).toHaveLength(3);
      await organiser.post(`${base}/rooms-themes/themes/${theme.body.id}/delete`, {}).expect(303);
      expect((await apiGet(`/events/${eventId}/themes`)).items).toHaveLength(2);

      const room = await api().post(`/events/${eventId}/rooms`).set('Authorization', auth).send({ name: 'Booked room' }).expect(201);
      await api()
        .post(`/events/${eventId}/sessions`)
        .set('Authorization', auth)
        .send({ title: 'Held here', kind: 'panel', startsAt: '2030-10-09T16:00', endsAt: '2030-10-09T17:00', roomId: room.body.id })
        .expect(201);
      const refused = await organiser.post(`${base}/rooms-themes/rooms/${room.body.id}/delete`, {}).expect(409);
      expect(textOf(refused.text, 'delete-refused')).toBe('Sessions are scheduled in this room: move them to another room first.');
    });

    it('speaks Spanish when asked', async () => {
      const page = await organiser.get(`${base}/rooms-themes?lang=es`).expect(200);
      expect(page.text).toContain('<h1>Salas y temas</h1>');
      expect(page.text).toContain('Añadir sala');
      await organiser.get(`${base}/rooms-themes?lang=en`).expect(200);
    });
  });

  describe('sessions', () => {
    it('adds a break from the page, with its kind shown as a label', async () => {
      await organiser
        .post(`${base}/agenda/sessions`, { title: 'Coffee break', kind: 'break', startsAt: '2030-10-08T11:00', endsAt: '2030-10-08T11:30' })
        .expect(303);
      const page = await organiser.get(`${base}/agenda`).expect(200);
      const sessions = (await apiGet(`/events/${eventId}/sessions`)).items;
      const coffee = sessions.find((s: { title: string }) => s.title === 'Coffee break');
      expect(coffee).toMatchObject({ kind: 'break', startsAt: '2030-10-08T11:00:00+02:00' });
      expect(page.text).toMatch(new RegExp(`id="session-${coffee.id}"[\\s\\S]*?<td class="session-kind">Break</td>`));
      expect(page.text).toContain('<option value="break">Break</option>');
    });

    it('adds a hosted session with description, theme, room and a chair and a moderator, rows added without script', async () => {
      const [sustainability] = (await apiGet(`/events/${eventId}/themes`)).items;
      const [plenary] = (await apiGet(`/events/${eventId}/rooms`)).items;
      const moderator = (
        await api()
          .post(`/events/${eventId}/people`)
          .set('Authorization', auth)
          .send({ name: 'Giulia Ferri', email: 'giulia.ferri@jrc.test', organisation: 'JRC' })
          .expect(201)
      ).body;
      const typed = {
        title: 'Smart specialisation in practice',
        kind: 'discussion',
        description: 'How regions choose their priorities',
        hostOrganisation: 'Joint Research Centre',
        startsAt: '2030-10-09T09:30',
        endsAt: '2030-10-09T11:00',
        roomId: plenary.id,
        themeId: sustainability.id,
        capacity: '',
        'chairs[0][personId]': chairId,
        'chairs[0][role]': 'chair',
      };
      const more = await organiser.post(`${base}/agenda/sessions`, { ...typed, more: 'chair' }).expect(200);
      expect(selectedIn(more.text, 'f-chairs-0-personId')).toBe(chairId);
      expect(more.text).toContain('id="f-chairs-1-personId"');
      expect(valueOf(more.text, 'f-hostOrganisation')).toBe('Joint Research Centre');
      expect((await apiGet(`/events/${eventId}/sessions`)).items.map((s: { title: string }) => s.title)).not.toContain(typed.title);

      await organiser
        .post(`${base}/agenda/sessions`, { ...typed, 'chairs[1][personId]': moderator.id, 'chairs[1][role]': 'moderator' })
        .expect(303);
      const session = (await apiGet(`/events/${eventId}/sessions`)).items.find((s: { title: string }) => s.title === typed.title);
      expect(session).toMatchObject({
        kind: 'discussion',
        description: 'How regions choose their priorities',
        hostOrganisation: 'Joint Research Centre',
        roomId: plenary.id,
        themeId: sustainability.id,
        startsAt: '2030-10-09T09:30:00+02:00',
      });
      expect(session.chairs.map((c: { name: string; role: string }) => [c.name, c.role])).toEqual([
        ['Ana Moreau', 'chair'],
        ['Giulia Ferri', 'moderator'],
      ]);
      const page = await organiser.get(`${base}/agenda`).expect(200);
      expect(page.text).toContain('Hosted by Joint Research Centre');
      expect(page.text).toContain('Chair: Ana Moreau; Moderator: Giulia Ferri');
      expect(page.text).toMatch(new RegExp(`id="session-${session.id}"[\\s\\S]*?fill="#2e7d32"[\\s\\S]*?Sustainability`));

      const edit = await organiser.get(`${base}/agenda/sessions/${session.id}`).expect(200);
      expect(selectedIn(edit.text, 'f-chairs-1-personId')).toBe(moderator.id);
      expect(selectedIn(edit.text, 'f-chairs-1-role')).toBe('moderator');
      expect(edit.text).toContain('How regions choose their priorities</textarea>');
    });

    it('says "Ends must be after Starts" beside Ends, in the page language, keeping what was typed', async () => {
      const typed = {
        title: 'Backwards',
        kind: 'panel',
        startsAt: '2030-10-08T15:00',
        endsAt: '2030-10-08T14:00',
        hostOrganisation: 'JRC',
      };
      const refused = await organiser.post(`${base}/agenda/sessions`, typed).expect(400);
      expect(textOf(refused.text, 'f-endsAt-error')).toBe('Ends must be after Starts');
      expect(valueOf(refused.text, 'f-endsAt')).toBe('2030-10-08T14:00');
      expect(valueOf(refused.text, 'f-hostOrganisation')).toBe('JRC');
      expect(selectedIn(refused.text, 'f-kind')).toBe('panel');

      await organiser.get(`${base}/agenda?lang=es`).expect(200);
      const spanish = await organiser.post(`${base}/agenda/sessions`, typed).expect(400);
      expect(textOf(spanish.text, 'f-endsAt-error')).toBe('Termina debe ser posterior a Empieza');
      expect(spanish.text).toContain('<option value="panel" selected>Mesa redonda</option>');
      await organiser.get(`${base}/agenda?lang=en`).expect(200);
    });
  });

  describe('presentations and their presenters', () => {
    let presentationId: string;

    it('adds presenter rows without script, keeping what was typed', async () => {
      const form = await organiser.get(`${base}/presentations/new`).expect(200);
      expect(form.text).toContain('id="f-presenters-1-email"');
      expect(selectedIn(form.text, 'f-presenters-0-role')).toBe('lead');
      const more = await organiser
        .post(`${base}/presentations/new`, {
          title: 'Value chains of the Andes and the Basque Country',
          'presenters[0][name]': 'Camila Rojas',
          'presenters[0][countryCode]': 'CL',
          'presenters[0][role]': 'lead',
          more: 'presenter',
        })
        .expect(200);
      expect(valueOf(more.text, 'f-presenters-0-name')).toBe('Camila Rojas');
      expect(valueOf(more.text, 'f-presenters-0-countryCode')).toBe('CL');
      expect(valueOf(more.text, 'f-title')).toBe('Value chains of the Andes and the Basque Country');
      expect(more.text).toContain('id="f-presenters-1-name"');
      expect((await apiGet(`/events/${eventId}/presentations`)).items).toEqual([]);
    });

    it('shows presenters[1].email beside that row, keeping every row as typed', async () => {
      const refused = await organiser
        .post(`${base}/presentations/new`, {
          title: 'Value chains of the Andes and the Basque Country',
          'presenters[0][name]': 'Camila Rojas',
          'presenters[0][email]': 'camila.rojas@gore-biobio.test',
          'presenters[0][countryCode]': 'CL',
          'presenters[0][role]': 'lead',
          'presenters[1][name]': 'Iker Etxeberria',
          'presenters[1][email]': 'iker at spri',
          'presenters[1][countryCode]': 'ZZ',
          'presenters[1][role]': 'co',
        })
        .expect(400);
      expect(textOf(refused.text, 'f-presenters-1-email-error')).toBe('Enter an email address such as name@example.org');
      expect(textOf(refused.text, 'f-presenters-1-countryCode-error')).toBe('Enter a two-letter country code such as CL or ES');
      expect(refused.text).toMatch(/id="f-presenters-1-email"[^>]*aria-invalid="true"/);
      expect(valueOf(refused.text, 'f-presenters-1-email')).toBe('iker at spri');
      expect(valueOf(refused.text, 'f-presenters-0-email')).toBe('camila.rojas@gore-biobio.test');
      expect(textOf(refused.text, 'f-presenters-0-email-error')).toBeNull();
    });

    it('refuses two leads beside the presenters', async () => {
      const refused = await organiser
        .post(`${base}/presentations/new`, {
          title: 'Two leads',
          'presenters[0][name]': 'A',
          'presenters[0][role]': 'lead',
          'presenters[1][name]': 'B',
          'presenters[1][role]': 'lead',
        })
        .expect(400);
      expect(textOf(refused.text, 'f-presenters-error')).toBe('Only one presenter can be the lead');
    });

    it('creates the pairing, a lead from Chile and a co-presenter from Spain, in a session with its sections', async () => {
      const session = (await apiGet(`/events/${eventId}/sessions`)).items.find(
        (s: { title: string }) => s.title === 'Smart specialisation in practice',
      );
      const [, industry] = (await apiGet(`/events/${eventId}/themes`)).items;
      await organiser
        .post(`${base}/presentations/new`, {
          title: 'Value chains of the Andes and the Basque Country',
          abstract: 'Two regions, one roadmap',
          sessionId: session.id,
          themeId: industry.id,
          position: '',
          status: 'draft',
          purpose: 'Modernise food value chains',
          lessonsLearned: 'Start with the ports',
          'presenters[0][name]': 'Camila Rojas',
          'presenters[0][email]': 'camila.rojas@gore-biobio.test',
          'presenters[0][organisation]': 'Gobierno Regional del Biobío',
          'presenters[0][region]': 'Biobío',
          'presenters[0][countryCode]': 'cl',
          'presenters[0][role]': 'lead',
          'presenters[1][name]': 'Iker Etxeberria',
          'presenters[1][email]': 'iker.etxeberria@spri.test',
          'presenters[1][organisation]': 'SPRI',
          'presenters[1][region]': 'País Vasco',
          'presenters[1][countryCode]': 'ES',
          'presenters[1][role]': 'co',
          'presenters[2][name]': '',
          'presenters[2][role]': 'co',
        })
        .expect(303);
      const [created] = (await apiGet(`/events/${eventId}/presentations`)).items;
      presentationId = created.id;
      expect(created).toMatchObject({
        title: 'Value chains of the Andes and the Basque Country',
        sessionId: session.id,
        themeId: industry.id,
        position: 1,
        sections: { purpose: 'Modernise food value chains', lessonsLearned: 'Start with the ports', results: null },
      });
      expect(created.presenters.map((p: { name: string; countryCode: string; role: string }) => [p.name, p.countryCode, p.role])).toEqual([
        ['Camila Rojas', 'CL', 'lead'],
        ['Iker Etxeberria', 'ES', 'co'],
      ]);
      const list = await organiser.get(`${base}/presentations`).expect(200);
      expect(list.text).toMatch(/Camila Rojas, Gobierno Regional del Biobío \(CL\) <span class="muted">Lead presenter<\/span>/);
      expect(list.text).toContain('Not invited yet');
      expect(list.text).toMatch(new RegExp(`id="presentation-${presentationId}"[\\s\\S]*?fill="#1565c0"`));
    });

    it('edits it and orders the session’s presentations with move up and down', async () => {
      const edit = await organiser.get(`${base}/presentations/${presentationId}/edit`).expect(200);
      expect(valueOf(edit.text, 'f-presenters-1-name')).toBe('Iker Etxeberria');
      expect(edit.text).toContain('Start with the ports</textarea>');
      const session = (await apiGet(`/events/${eventId}/presentations/${presentationId}`)).sessionId;
      const second = await api()
        .post(`/events/${eventId}/presentations`)
        .set('Authorization', auth)
        .send({ title: 'Ports of Valparaíso and Rotterdam', sessionId: session })
        .expect(201);
      await organiser.post(`${base}/presentations/${second.body.id}/move`, { direction: 'up' }).expect(303);
      const order = async () =>
        (await apiGet(`/events/${eventId}/presentations?sessionId=${session}`)).items.map((p: { id: string }) => p.id);
      expect(await order()).toEqual([second.body.id, presentationId]);

      await organiser
        .post(`${base}/presentations/${presentationId}/edit`, {
          title: 'Value chains: the Andes and the Basque Country',
          abstract: 'Two regions, one roadmap',
          sessionId: session,
          themeId: '',
          position: '1',
          status: 'draft',
          'presenters[0][name]': 'Camila Rojas',
          'presenters[0][email]': 'camila.rojas@gore-biobio.test',
          'presenters[0][countryCode]': 'CL',
          'presenters[0][role]': 'co',
          'presenters[1][name]': 'Iker Etxeberria',
          'presenters[1][email]': 'iker.etxeberria@spri.test',
          'presenters[1][countryCode]': 'ES',
          'presenters[1][role]': 'lead',
        })
        .expect(303);
      expect(await order()).toEqual([presentationId, second.body.id]);
      const saved = await apiGet(`/events/${eventId}/presentations/${presentationId}`);
      expect(saved).toMatchObject({ title: 'Value chains: the Andes and the Basque Country', themeId: null, sections: { purpose: null } });
      expect(saved.presenters.map((p: { name: string; role: string }) => [p.name, p.role])).toEqual([
        ['Camila Rojas', 'co'],
        ['Iker Etxeberria', 'lead'],
      ]);
    });
    it('deletes a presentation only after a confirmation page', async () => {
      const ports = (await apiGet(`/events/${eventId}/presentations`)).items.find(
        (p: { title: string }) => p.title === 'Ports of Valparaíso and Rotterdam',
      );
      const confirm = await organiser.get(`${base}/presentations/${ports.id}/delete`).expect(200);
      expect(confirm.text).toContain('Delete the presentation “Ports of Valparaíso and Rotterdam”?');
      await apiGet(`/events/${eventId}/presentations/${ports.id}`);
      await organiser.post(`${base}/presentations/${ports.id}/delete`, {}).expect(303);
      await api().get(`/events/${eventId}/presentations/${ports.id}`).set('Authorization', auth).expect(404);
      const list = await organiser.get(`${base}/presentations?saved=deleted`).expect(200);
      expect(list.text).toContain('Presentation deleted.');
      expect(list.text).not.toContain('Ports of Valparaíso');
    });
  });

  describe('inviting every presenter not yet invited', () => {
    it('shows how many, asks, invites them through the outbox and says how many were invited', async () => {
      await api()
        .post(`/events/${eventId}/presentations`)
        .set('Authorization', auth)
        .send({ title: 'Without an address', presenters: [{ name: 'Pedro Sin Correo', countryCode: 'PE' }] })
        .expect(201);
      const list = await organiser.get(`${base}/presentations`).expect(200);
      expect(textOf(list.text, 'invite-all')).toBe('Invite every presenter not yet invited (2)');
      const confirm = await organiser.get(`${base}/presentations/invite-all`).expect(200);
      expect(textOf(confirm.text, 'bulk-count')).toBe('2 presenters will be emailed an invitation with their personal link.');
      expect(confirm.text).toContain('Pedro Sin Correo');
      expect(ctx.smtp.for('camila.rojas@gore-biobio.test')).toHaveLength(0);

      const done = await organiser.post(`${base}/presentations/invite-all`, {}).expect(303);
      const summary = await organiser.get(done.headers.location).expect(200);
      expect(summary.text).toContain('2 invited.');
      const [camila] = await ctx.smtp.waitForMail('camila.rojas@gore-biobio.test', 1);
      const [iker] = await ctx.smtp.waitForMail('iker.etxeberria@spri.test', 1);
      expect(camila.text).toContain('/presenter?token=');
      expect(iker.text).toContain('/presenter?token=');
      const invitations = (await apiGet(`/presentations/${(await apiGet(`/events/${eventId}/presentations`)).items[0].id}/invitations`))
        .items;
      expect(invitations.map((i: { status: string }) => i.status)).toEqual(['invited', 'invited']);

      const after = await organiser.get(`${base}/presentations`).expect(200);
      expect(textOf(after.text, 'invite-all-none')).toBe('Every presenter with an address has been invited.');
    });
  });

  describe('refusals', () => {
    it('refuses a form without its CSRF token and changes nothing', async () => {
      const response = await organiser.agent.post(`${base}/rooms-themes/rooms`).type('form').send({ name: 'Sneaky room' }).expect(403);
      expect(response.text).not.toContain('Sneaky room');
      await organiser.agent.post(`${base}/presentations/invite-all`).type('form').send({}).expect(403);
      expect((await apiGet(`/events/${eventId}/rooms`)).items.map((r: { name: string }) => r.name)).not.toContain('Sneaky room');
    });

    it('answers 404 on every new page to an organiser who is not a member', async () => {
      const outsider = { email: 'outsider@plenary.test', name: 'Olga Outsider', password: 'outsider-password-1' };
      await api().post('/organisers').set('Authorization', auth).send(outsider).expect(201);
      const other = await dashboardAgent(ctx.app.plenary.url as string, outsider.email, outsider.password);
      const [room] = (await apiGet(`/events/${eventId}/rooms`)).items;
      const [presentation] = (await apiGet(`/events/${eventId}/presentations`)).items;
      for (const path of [
        `${base}/rooms-themes`,
        `${base}/rooms-themes/rooms/${room.id}`,
        `${base}/rooms-themes/rooms/${room.id}/delete`,
        `${base}/presentations/new`,
        `${base}/presentations/${presentation.id}/edit`,
        `${base}/presentations/invite-all`,
        `${base}/presentations/materials.zip`,
      ]) {
        const response = await other.get(path);
        expect([path, response.status]).toEqual([path, 404]);
      }
      const page = await other.get('/dashboard').expect(200);
      const refused = await other.agent
        .post(`${base}/rooms-themes/rooms/${room.id}/delete`)
        .type('form')
        .send({ _csrf: csrfIn(page.text) });
      expect(refused.status).toBe(404);
      expect((await apiGet(`/events/${eventId}/rooms`)).items.map((r: { id: string }) => r.id)).toContain(room.id);
    });
  });
});
