import { AuditEntry, AuditOrganiser, auditOrganiser } from '../support/audit-log';
import { attendee, createOpenEvent, daysFromNow } from '../support/future-event';
import { dashboardAgent } from '../support/dashboard-agent';
import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';

type Organiser = AuditOrganiser;
type Entry = AuditEntry;
type Event = Awaited<ReturnType<typeof createOpenEvent>>;

/**
 * The organisers' actions beyond registrations' decisions: check-ins and their
 * undoing, imports, presenters' invitations, changes to the event and its
 * members, published agenda versions. Each leaves an entry saying who and what;
 * the two routes added with them (undoing a check-in, changing a member's role)
 * are tried by everyone who must not use them.
 */
describe('audit log of organisers’ actions', () => {
  const ctx = useTestApp();
  let admin: string;
  let ana: Organiser;
  let bruno: Organiser;
  let carla: Organiser;
  let event: Event;
  let carlasEvent: Event;

  const organiser = (email: string, name: string) => auditOrganiser(ctx.app.http, admin, email, name);

  async function log(eventId = event.id): Promise<Entry[]> {
    return (await ctx.app.http.get(`/events/${eventId}/audit?limit=200`).set('Authorization', ana.auth).expect(200)).body.items;
  }

  /** Runs `action` and returns the entries it added, oldest first. */
  async function during(action: () => Promise<unknown>, eventId = event.id): Promise<Entry[]> {
    const before = new Set((await log(eventId)).map((e) => e.id));
    await action();
    return (await log(eventId)).filter((e) => !before.has(e.id)).reverse();
  }

  async function registered(eventId = event.id, auth = ana.auth): Promise<{ id: string; name: string }> {
    const body = { ...attendee(), notify: false };
    const created = await ctx.app.http.post(`/events/${eventId}/registrations`).set('Authorization', auth).send(body).expect(201);
    return { id: created.body.id as string, name: body.name as string };
  }

  async function auditPage(query = ''): Promise<string> {
    const dashboard = await dashboardAgent(ctx.app.plenary.url!, ana.email, ana.password);
    return (await dashboard.get(`/dashboard/events/${event.id}/audit${query}`).expect(200)).text;
  }

  const problem = (res: { headers: Record<string, string> }) => expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);

  /** Sends each request as its caller (none: anonymous) and expects a problem+json answer of its status. */
  async function refused(attempts: Array<{ send: (auth?: string) => Promise<unknown>; auth?: string; status: number }>) {
    for (const { send, auth, status } of attempts) {
      const res = (await send(auth)) as { status: number; headers: Record<string, string> };
      expect(res.status).toBe(status);
      problem(res);
    }
  }

  beforeAll(async () => {
    admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    ana = await organiser('ana@region.test', 'Ana Souza');
    bruno = await organiser('bruno@region.test', 'Bruno Lima');
    carla = await organiser('carla@partner.test', 'Carla Díaz');
    event = await createOpenEvent(ctx.app.http, ana.auth, { defaultReminders: false, capacity: 100 });
    await ctx.app.http
      .post(`/events/${event.id}/members`)
      .set('Authorization', ana.auth)
      .send({ email: bruno.email, role: 'organiser' })
      .expect(201);
    carlasEvent = await createOpenEvent(ctx.app.http, carla.auth, { defaultReminders: false });
  });

  describe('check-ins', () => {
    it('records a check-in with who let the person in and the day, once however often the code is scanned', async () => {
      const person = await registered();
      const [day] = event.days;
      let checkInId = '';
      const entries = await during(async () => {
        const first = await ctx.app.http
          .post(`/events/${event.id}/check-ins`)
          .set('Authorization', bruno.auth)
          .send({ registrationId: person.id, day })
          .expect(201);
        checkInId = first.body.id;
        await ctx.app.http
          .post(`/events/${event.id}/check-ins`)
          .set('Authorization', bruno.auth)
          .send({ registrationId: person.id, day })
          .expect(200);
      });
      expect(entries).toEqual([
        {
          id: expect.any(String),
          at: expect.stringMatching(/[+-]\d{2}:\d{2}$/),
          actor: { organiserId: bruno.id, label: bruno.label },
          action: 'check-in.recorded',
          subject: { type: 'registration', id: person.id },
          details: { day, checkInId },
        },
      ]);
      const page = await auditPage('?action=check-in.recorded');
      expect(page).toContain('Checked in');
      expect(page).toContain(person.name);
      expect(page).toMatch(/Day: \d{1,2} \w{3,4} \d{4}/);
    });

    it('undoes a check-in: it leaves the desk’s list and counts, and the log says who undid it', async () => {
      const person = await registered();
      const [day] = event.days;
      const checkIn = await ctx.app.http
        .post(`/events/${event.id}/check-ins`)
        .set('Authorization', ana.auth)
        .send({ registrationId: person.id, day })
        .expect(201);
      const before = (await ctx.app.http.get(`/events/${event.id}/check-ins`).set('Authorization', ana.auth).expect(200)).body;
      const entries = await during(() =>
        ctx.app.http.delete(`/events/${event.id}/check-ins/${checkIn.body.id}`).set('Authorization', bruno.auth).expect(204),
      );
      expect(entries).toEqual([
        expect.objectContaining({
          actor: { organiserId: bruno.id, label: bruno.label },
          action: 'check-in.undone',
          subject: { type: 'registration', id: person.id },
          details: { day, checkInId: checkIn.body.id },
        }),
      ]);
      const after = (await ctx.app.http.get(`/events/${event.id}/check-ins`).set('Authorization', ana.auth).expect(200)).body;
      expect(after.items.map((c: { id: string }) => c.id)).not.toContain(checkIn.body.id);
      expect(after.countsByDay[day]).toBe(before.countsByDay[day] - 1);

      const again = await ctx.app.http
        .delete(`/events/${event.id}/check-ins/${checkIn.body.id}`)
        .set('Authorization', ana.auth)
        .expect(404);
      problem(again);
      // Undone, the person may be checked in again that day.
      await ctx.app.http
        .post(`/events/${event.id}/check-ins`)
        .set('Authorization', ana.auth)
        .send({ registrationId: person.id, day })
        .expect(201);
    });

    it('lets no one else undo a check-in: another event’s check-in, another event’s organiser, no login', async () => {
      const theirs = await registered(carlasEvent.id, carla.auth);
      const theirCheckIn = await ctx.app.http
        .post(`/events/${carlasEvent.id}/check-ins`)
        .set('Authorization', carla.auth)
        .send({ registrationId: theirs.id, day: carlasEvent.days[0] })
        .expect(201);
      const ours = await registered();
      const ourCheckIn = await ctx.app.http
        .post(`/events/${event.id}/check-ins`)
        .set('Authorization', ana.auth)
        .send({ registrationId: ours.id, day: event.days[0] })
        .expect(201);

      const undo = (checkInId: string) => (auth?: string) => {
        const req = ctx.app.http.delete(`/events/${event.id}/check-ins/${checkInId}`);
        return auth ? req.set('Authorization', auth) : req;
      };
      const entries = await during(() =>
        refused([
          // Another event's check-in through this event's path: not found here, and not deleted there.
          { send: undo(theirCheckIn.body.id), auth: ana.auth, status: 404 },
          // Another event's organiser learns nothing of this event.
          { send: undo(ourCheckIn.body.id), auth: carla.auth, status: 404 },
          { send: undo(ourCheckIn.body.id), status: 401 },
          { send: undo('not-a-check-in'), auth: ana.auth, status: 404 },
        ]),
      );
      expect(entries).toEqual([]);
      const theirList = await ctx.app.http.get(`/events/${carlasEvent.id}/check-ins`).set('Authorization', carla.auth).expect(200);
      expect(theirList.body.items.map((c: { id: string }) => c.id)).toContain(theirCheckIn.body.id);
      const ourList = await ctx.app.http.get(`/events/${event.id}/check-ins`).set('Authorization', ana.auth).expect(200);
      expect(ourList.body.items.map((c: { id: string }) => c.id)).toContain(ourCheckIn.body.id);
    });
  });

  it('records an import once, with how many lines were registered and how many skipped', async () => {
    const csv = [
      'name,email,organisation,organisation_type,region,country_code',
      'Ignacio Tello,ignacio@region.test,Gobierno Regional,public_authority,Piura,PE',
      'Javier Bereche,javier@region.test,Gobierno Regional,public_authority,Piura,PE',
      'No Address,,Org,ngo,Lima,PE',
    ].join('\r\n');
    const entries = await during(() =>
      ctx.app.http
        .post(`/events/${event.id}/registrations/import?notify=false`)
        .set('Authorization', bruno.auth)
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(200),
    );
    expect(entries).toEqual([
      expect.objectContaining({
        actor: { organiserId: bruno.id, label: bruno.label },
        action: 'registrations.imported',
        subject: { type: 'registrations', id: null },
        details: { created: 2, skipped: 1, notify: false },
      }),
    ]);
    const page = await auditPage('?action=registrations.imported');
    expect(page).toContain('2 registered, 1 skipped');
    expect(JSON.stringify(entries)).not.toContain('Ignacio');

    // A header that names no known column imports nothing, so there is nothing to record.
    const refused = await during(() =>
      ctx.app.http
        .post(`/events/${event.id}/registrations/import`)
        .set('Authorization', ana.auth)
        .set('Content-Type', 'text/csv')
        .send('name,email,shoe_size\nA,a@x.test,42\n')
        .expect(400),
    );
    expect(refused).toEqual([]);
  });

  it('records presenters’ invitations sent, sent again and revoked, naming the presenter and the presentation', async () => {
    const presentation = await ctx.app.http
      .post(`/events/${event.id}/presentations`)
      .set('Authorization', ana.auth)
      .send({
        title: 'Piura and Gelderland: joint results',
        presenters: [
          { name: 'Rosa Quispe', email: 'rosa@piura.test', organisation: 'Gobierno Regional', region: 'Piura', countryCode: 'PE' },
        ],
      })
      .expect(201);
    const presentationId = presentation.body.id as string;
    const personId = presentation.body.presenters[0].personId as string;
    const invitations = `/presentations/${presentationId}/invitations`;
    const about = { presenter: 'Rosa Quispe', presentationId, presentation: 'Piura and Gelderland: joint results' };

    const sent = await during(() => ctx.app.http.post(invitations).set('Authorization', bruno.auth).send({}).expect(201));
    expect(sent).toEqual([
      expect.objectContaining({
        actor: { organiserId: bruno.id, label: bruno.label },
        action: 'presenter-invitation.sent',
        subject: { type: 'presenter', id: personId },
        details: about,
      }),
    ]);
    // Within a minute the presenter is skipped, not emailed: nothing is sent, nothing recorded.
    expect(await during(() => ctx.app.http.post(invitations).set('Authorization', ana.auth).send({}).expect(201))).toEqual([]);

    await ctx.db.query(`UPDATE magic_link_resends SET last_sent_at = now() - interval '2 minutes' WHERE subject_id = $1`, [personId]);
    const resent = await during(() => ctx.app.http.post(invitations).set('Authorization', ana.auth).send({}).expect(201));
    expect(resent).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ organiserId: ana.id }),
        action: 'presenter-invitation.resent',
        details: about,
      }),
    ]);

    const revoked = await during(() => ctx.app.http.delete(`${invitations}/${personId}`).set('Authorization', ana.auth).expect(200));
    expect(revoked).toEqual([
      expect.objectContaining({
        action: 'presenter-invitation.revoked',
        subject: { type: 'presenter', id: personId },
        details: { ...about, revokedTokens: 2 },
      }),
    ]);
    const page = await auditPage();
    expect(page).toContain('Presenter invitation sent again');
    expect(page).toContain('Presentation: “Piura and Gelderland: joint results”');
    expect(page).toContain('2 link(s) revoked');
  });

  describe('the event', () => {
    it('records an edit with each changed field’s old and new value, the description by name only', async () => {
      const entries = await during(() =>
        ctx.app.http
          .patch(`/events/${event.id}`)
          .set('Authorization', bruno.auth)
          .send({
            title: 'EU–LAC region-to-region meeting',
            capacity: 150,
            venue: null,
            description: 'Two days in Brussels.',
            requiresApproval: false,
          })
          .expect(200),
      );
      expect(entries).toEqual([
        expect.objectContaining({
          actor: { organiserId: bruno.id, label: bruno.label },
          action: 'event.updated',
          subject: { type: 'event', id: event.id },
          details: {
            changes: {
              title: { from: 'EU–Latin America region-to-region meeting', to: 'EU–LAC region-to-region meeting' },
              venue: { from: 'Brussels', to: null },
              capacity: { from: 100, to: 150 },
            },
            fields: ['description'],
          },
        }),
      ]);
      const page = await auditPage('?action=event.updated');
      expect(page).toContain('Title: EU–Latin America region-to-region meeting → EU–LAC region-to-region meeting');
      expect(page).toContain('Capacity: 100 → 150');
      expect(page).toContain('Venue: Brussels → none');
      expect(page).toContain('Changed: Description');
      expect(page).toContain('The event');

      // Saving what is already there changes nothing and records nothing.
      const unchanged = await during(() =>
        ctx.app.http.patch(`/events/${event.id}`).set('Authorization', ana.auth).send({ capacity: 150 }).expect(200),
      );
      expect(unchanged).toEqual([]);
      // Refused input changes nothing either.
      const refused = await during(async () => {
        const res = await ctx.app.http.patch(`/events/${event.id}`).set('Authorization', ana.auth).send({ capacity: 0 }).expect(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'capacity' })]);
      });
      expect(refused).toEqual([]);
    });

    it('records a postponement with the dates it moved from and to, in the event’s offset', async () => {
      const moved = await ctx.app.http.get(`/events/${event.id}`).set('Authorization', ana.auth).expect(200);
      let after: { startsAt: string; endsAt: string } = { startsAt: '', endsAt: '' };
      const entries = await during(async () => {
        const res = await ctx.app.http
          .post(`/events/${event.id}/postpone`)
          .set('Authorization', ana.auth)
          .send({ startsAt: daysFromNow(40, '09:00'), endsAt: daysFromNow(41, '17:30') })
          .expect(200);
        after = res.body;
      });
      expect(entries).toEqual([
        expect.objectContaining({
          actor: { organiserId: ana.id, label: ana.label },
          action: 'event.postponed',
          subject: { type: 'event', id: event.id },
          details: {
            changes: {
              startsAt: { from: moved.body.startsAt, to: after.startsAt },
              endsAt: { from: moved.body.endsAt, to: after.endsAt },
            },
          },
        }),
      ]);
      expect(after.startsAt).toMatch(/\+0[12]:00$/);
      expect(await auditPage('?action=event.postponed')).toContain('Event postponed');
    });

    it('records publishing once and cancelling with its reason', async () => {
      const draft = await ctx.app.http
        .post('/events')
        .set('Authorization', ana.auth)
        .send({ title: 'Closing workshop', timezone: 'Europe/Brussels', startsAt: daysFromNow(50), endsAt: daysFromNow(50, '17:00') })
        .expect(201);
      const id = draft.body.id as string;
      const published = await during(async () => {
        await ctx.app.http.post(`/events/${id}/publish`).set('Authorization', ana.auth).expect(200);
        await ctx.app.http.post(`/events/${id}/publish`).set('Authorization', ana.auth).expect(200);
      }, id);
      expect(published).toEqual([
        expect.objectContaining({
          actor: { organiserId: ana.id, label: ana.label },
          action: 'event.published',
          subject: { type: 'event', id },
          details: {},
        }),
      ]);
      const cancelled = await during(
        () =>
          ctx.app.http
            .post(`/events/${id}/cancel`)
            .set('Authorization', ana.auth)
            .send({ reason: 'Merged into the main meeting' })
            .expect(200),
        id,
      );
      expect(cancelled).toEqual([
        expect.objectContaining({
          action: 'event.cancelled',
          subject: { type: 'event', id },
          details: { reason: 'Merged into the main meeting' },
        }),
      ]);
      const dashboard = await dashboardAgent(ctx.app.plenary.url!, ana.email, ana.password);
      const page = (await dashboard.get(`/dashboard/events/${id}/audit`).expect(200)).text;
      expect(page).toContain('Event cancelled');
      expect(page).toContain('Reason: Merged into the main meeting');
    });
  });

  describe('members', () => {
    let dora: Organiser;
    let doraMemberId: string;

    beforeAll(async () => {
      dora = await organiser('dora@jrc.test', 'Dora Keller');
    });

    it('records a member added, given another role and removed, naming the member and the roles', async () => {
      const added = await during(async () => {
        const res = await ctx.app.http
          .post(`/events/${event.id}/members`)
          .set('Authorization', ana.auth)
          .send({ email: dora.email, role: 'organiser' })
          .expect(201);
        doraMemberId = res.body.id;
      });
      expect(added).toEqual([
        expect.objectContaining({
          actor: { organiserId: ana.id, label: ana.label },
          action: 'event-member.added',
          subject: { type: 'event-member', id: doraMemberId },
          details: { member: dora.label, role: 'organiser' },
        }),
      ]);

      const promoted = await during(async () => {
        const res = await ctx.app.http
          .patch(`/events/${event.id}/members/${doraMemberId}`)
          .set('Authorization', ana.auth)
          .send({ role: 'owner' })
          .expect(200);
        expect(res.body).toMatchObject({ id: doraMemberId, organiserId: dora.id, role: 'owner' });
        // The same role again changes nothing.
        await ctx.app.http
          .patch(`/events/${event.id}/members/${doraMemberId}`)
          .set('Authorization', ana.auth)
          .send({ role: 'owner' })
          .expect(200);
      });
      expect(promoted).toEqual([
        expect.objectContaining({
          action: 'event-member.role-changed',
          subject: { type: 'event-member', id: doraMemberId },
          details: { member: dora.label, changes: { role: { from: 'organiser', to: 'owner' } } },
        }),
      ]);
      // Now an owner, Dora reads the audit log.
      await ctx.app.http.get(`/events/${event.id}/audit`).set('Authorization', dora.auth).expect(200);

      const page = await auditPage('?action=event-member.role-changed');
      expect(page).toContain('Member’s role changed');
      expect(page).toContain('Dora Keller &lt;dora@jrc.test&gt;');
      expect(page).toContain('Role: Organiser → Owner');

      const removed = await during(() =>
        ctx.app.http.delete(`/events/${event.id}/members/${doraMemberId}`).set('Authorization', dora.auth).expect(204),
      );
      expect(removed).toEqual([
        expect.objectContaining({
          actor: { organiserId: dora.id, label: dora.label },
          action: 'event-member.removed',
          subject: { type: 'event-member', id: doraMemberId },
          details: { member: dora.label, role: 'owner' },
        }),
      ]);
    });

    it('refuses with 409 to demote or remove the last owner, and records nothing', async () => {
      const members = (await ctx.app.http.get(`/events/${event.id}/members`).set('Authorization', ana.auth).expect(200)).body.items;
      const owners = members.filter((m: { role: string }) => m.role === 'owner');
      expect(owners).toEqual([expect.objectContaining({ organiserId: ana.id })]);
      const anaMemberId = owners[0].id as string;
      const entries = await during(async () => {
        const demoted = await ctx.app.http
          .patch(`/events/${event.id}/members/${anaMemberId}`)
          .set('Authorization', ana.auth)
          .send({ role: 'organiser' })
          .expect(409);
        problem(demoted);
        expect(demoted.body).toMatchObject({ status: 409, detail: expect.stringContaining('last owner') });
        problem(await ctx.app.http.delete(`/events/${event.id}/members/${anaMemberId}`).set('Authorization', ana.auth).expect(409));
      });
      expect(entries).toEqual([]);
      const still = await ctx.app.http.get(`/events/${event.id}/members/${anaMemberId}`).set('Authorization', ana.auth).expect(200);
      expect(still.body.role).toBe('owner');
    });

    it('refuses a role that is not owner or organiser, naming the field', async () => {
      const members = (await ctx.app.http.get(`/events/${event.id}/members`).set('Authorization', ana.auth).expect(200)).body.items;
      const brunoMember = members.find((m: { organiserId: string }) => m.organiserId === bruno.id);
      const refusals: Array<[Record<string, unknown>, string]> = [
        [{ role: 'admin' }, 'role'],
        [{}, 'role'],
        [{ role: 'owner', email: 'x@y.test' }, 'email'],
      ];
      for (const [body, field] of refusals) {
        const res = await ctx.app.http
          .patch(`/events/${event.id}/members/${brunoMember.id}`)
          .set('Authorization', ana.auth)
          .send(body)
          .expect(400);
        problem(res);
        expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
      }
    });

    it('lets only the event’s owners change a role: a member without it 403, another event’s owner 404, no login 401', async () => {
      const members = (await ctx.app.http.get(`/events/${event.id}/members`).set('Authorization', ana.auth).expect(200)).body.items;
      const brunoMember = members.find((m: { organiserId: string }) => m.organiserId === bruno.id);
      const anaMember = members.find((m: { organiserId: string }) => m.organiserId === ana.id);
      const carlasMembers = (await ctx.app.http.get(`/events/${carlasEvent.id}/members`).set('Authorization', carla.auth).expect(200)).body
        .items;
      const patch = (memberId: string, role: string) => (auth?: string) => {
        const req = ctx.app.http.patch(`/events/${event.id}/members/${memberId}`);
        return (auth ? req.set('Authorization', auth) : req).send({ role });
      };
      const entries = await during(() =>
        refused([
          // Bruno, an organiser of the event, may not make himself an owner nor demote Ana.
          { send: patch(brunoMember.id, 'owner'), auth: bruno.auth, status: 403 },
          { send: patch(anaMember.id, 'organiser'), auth: bruno.auth, status: 403 },
          { send: patch(brunoMember.id, 'owner'), auth: carla.auth, status: 404 },
          { send: patch(brunoMember.id, 'owner'), status: 401 },
          // Another event's membership through this event's path is not found, and stays as it was.
          { send: patch(carlasMembers[0].id, 'organiser'), auth: ana.auth, status: 404 },
        ]),
      );
      expect(entries).toEqual([]);
      const carlaStill = await ctx.app.http
        .get(`/events/${carlasEvent.id}/members/${carlasMembers[0].id}`)
        .set('Authorization', carla.auth)
        .expect(200);
      expect(carlaStill.body.role).toBe('owner');
      const brunoStill = await ctx.app.http.get(`/events/${event.id}/members/${brunoMember.id}`).set('Authorization', ana.auth).expect(200);
      expect(brunoStill.body.role).toBe('organiser');
    });
  });

  it('records a published agenda version with its number and what it changed', async () => {
    const [day] = (await ctx.app.http.get(`/events/${event.id}`).set('Authorization', ana.auth).expect(200)).body.days as string[];
    await ctx.app.http
      .post(`/events/${event.id}/sessions`)
      .set('Authorization', ana.auth)
      .send({ title: 'Opening', kind: 'keynote', startsAt: `${day}T09:00`, endsAt: `${day}T10:00` })
      .expect(201);
    let versionId = '';
    const entries = await during(async () => {
      const res = await ctx.app.http
        .post(`/events/${event.id}/agenda/versions`)
        .set('Authorization', bruno.auth)
        .send({ note: 'First programme' })
        .expect(201);
      versionId = res.body.id;
      expect(res.body.number).toBe(1);
    });
    expect(entries).toEqual([
      expect.objectContaining({
        actor: { organiserId: bruno.id, label: bruno.label },
        action: 'agenda.published',
        subject: { type: 'agenda-version', id: versionId },
        details: { version: 1, note: 'First programme', added: 1, moved: 0, cancelled: 0, changed: 0 },
      }),
    ]);
    const page = await auditPage('?action=agenda.published');
    expect(page).toContain('Agenda version published');
    expect(page).toContain('Agenda version 1');
    expect(page).toContain('Sessions: 1 added, 0 moved, 0 cancelled, 0 changed');
    expect(page).toContain('Note: First programme');
  });

  it('names every new action in each dashboard language', async () => {
    const dashboard = await dashboardAgent(ctx.app.plenary.url!, ana.email, ana.password);
    const words: Record<string, string[]> = {
      es: ['Evento aplazado', 'Versión del programa publicada', 'Inscripciones importadas', 'Entrada anulada'],
      pt: ['Evento adiado', 'Versão do programa publicada', 'Inscrições importadas', 'Entrada anulada'],
      fr: ['Événement reporté', 'Version du programme publiée', 'Inscriptions importées', 'Arrivée annulée'],
    };
    for (const [lang, expected] of Object.entries(words)) {
      const page = (await dashboard.get(`/dashboard/events/${event.id}/audit?lang=${lang}`).expect(200)).text;
      for (const word of expected) expect(page).toContain(word);
    }
  });
});
