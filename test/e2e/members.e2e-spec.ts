import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';
import { waitFor } from '../support/wait-for';
import { formatInZone } from '../../src/platform/time/zoned-time';

const SEED = {
  title: 'EU–Latin America region-to-region meeting',
  venue: 'Brussels',
  timezone: 'Europe/Brussels',
  startsAt: '2019-10-08T09:00',
  endsAt: '2019-10-09T17:30',
};

interface Organiser {
  id: string;
  email: string;
  auth: string;
}

interface Member {
  id: string;
  organiserId: string;
  email: string;
  role: string;
  status: string;
}

describe('event members', () => {
  const ctx = useTestApp();
  let admin: string;
  let ana: Organiser;
  let bruno: Organiser;
  let dora: Organiser;

  async function organiser(email: string, name: string): Promise<Organiser> {
    const password = `${name.toLowerCase()}-password-1`;
    const created = await ctx.app.http.post('/organisers').set('Authorization', admin).send({ email, name, password }).expect(201);
    return { id: created.body.id as string, email, auth: await login(ctx.app.http, email, password) };
  }

  async function createEvent(who: Organiser, title: string): Promise<string> {
    const response = await ctx.app.http
      .post('/events')
      .set('Authorization', who.auth)
      .send({ ...SEED, title })
      .expect(201);
    return response.body.id as string;
  }

  async function members(eventId: string, who: Organiser = ana): Promise<Member[]> {
    const response = await ctx.app.http.get(`/events/${eventId}/members?limit=200`).set('Authorization', who.auth).expect(200);
    expect(response.body.nextCursor).toBeNull();
    return response.body.items as Member[];
  }

  async function memberOf(eventId: string, email: string): Promise<Member> {
    const found = (await members(eventId)).find((m) => m.email === email);
    if (!found) throw new Error(`${email} is not a member of ${eventId}`);
    return found;
  }

  beforeAll(async () => {
    admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    ana = await organiser('ana@region.test', 'Ana');
    bruno = await organiser('bruno@region.test', 'Bruno');
    dora = await organiser('dora@partner.test', 'Dora');
  });

  it('lets an owner add an existing organiser by email in any case; they see the event but get 403 on managing members', async () => {
    const eventId = await createEvent(ana, SEED.title);
    await ctx.app.http.get(`/events/${eventId}`).set('Authorization', bruno.auth).expect(404);

    const added = await ctx.app.http
      .post(`/events/${eventId}/members`)
      .set('Authorization', ana.auth)
      .send({ email: '  Bruno@Region.TEST ', role: 'organiser' })
      .expect(201);
    expect(added.body).toMatchObject({ organiserId: bruno.id, email: 'bruno@region.test', role: 'organiser', status: 'active' });

    const seen = await ctx.app.http.get(`/events/${eventId}`).set('Authorization', bruno.auth).expect(200);
    expect(seen.body).toMatchObject({ id: eventId, title: SEED.title, myRole: 'organiser' });
    const listed = await ctx.app.http.get('/events').set('Authorization', bruno.auth).expect(200);
    expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([eventId]);
    expect(await members(eventId, bruno)).toHaveLength(2);

    const addAttempt = await ctx.app.http
      .post(`/events/${eventId}/members`)
      .set('Authorization', bruno.auth)
      .send({ email: 'dora@partner.test', role: 'owner' })
      .expect(403);
    expect(addAttempt.headers['content-type']).toMatch(/application\/problem\+json/);
    const anaMember = await memberOf(eventId, 'ana@region.test');
    await ctx.app.http.delete(`/events/${eventId}/members/${anaMember.id}`).set('Authorization', bruno.auth).expect(403);
    const self = await memberOf(eventId, 'bruno@region.test');
    await ctx.app.http.delete(`/events/${eventId}/members/${self.id}`).set('Authorization', bruno.auth).expect(403);

    expect((await members(eventId)).map((m) => [m.email, m.role]).sort()).toEqual([
      ['ana@region.test', 'owner'],
      ['bruno@region.test', 'organiser'],
    ]);
  });

  it('answers 409 when the person is already a member, whatever the case or role asked for', async () => {
    const eventId = await createEvent(ana, 'Twice added');
    await ctx.app.http
      .post(`/events/${eventId}/members`)
      .set('Authorization', ana.auth)
      .send({ email: 'bruno@region.test', role: 'organiser' })
      .expect(201);
    const again = await ctx.app.http
      .post(`/events/${eventId}/members`)
      .set('Authorization', ana.auth)
      .send({ email: 'BRUNO@region.test', role: 'owner' })
      .expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    await ctx.app.http
      .post(`/events/${eventId}/members`)
      .set('Authorization', ana.auth)
      .send({ email: 'ana@region.test', role: 'owner' })
      .expect(409);

    expect((await members(eventId)).map((m) => [m.email, m.role]).sort()).toEqual([
      ['ana@region.test', 'owner'],
      ['bruno@region.test', 'organiser'],
    ]);
  });

  it('names each invalid field of a new member', async () => {
    const eventId = await createEvent(ana, 'Validated members');
    const response = await ctx.app.http
      .post(`/events/${eventId}/members`)
      .set('Authorization', ana.auth)
      .send({ email: 'not-an-address', role: 'boss' })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'role']);
    expect(await members(eventId)).toHaveLength(1);
  });

  it('invites an unknown address with exactly one email whose link sets a password; the invitee then logs in and sees the event', async () => {
    const eventId = await createEvent(ana, 'Partner institution day');
    const added = await ctx.app.http
      .post(`/events/${eventId}/members`)
      .set('Authorization', ana.auth)
      .send({ email: 'Carla@Partner.test', role: 'organiser' })
      .expect(201);
    expect(added.body).toMatchObject({ email: 'carla@partner.test', role: 'organiser', status: 'invited' });
    expect((await memberOf(eventId, 'carla@partner.test')).status).toBe('invited');
    expect((await memberOf(eventId, 'ana@region.test')).status).toBe('active');

    const [mail] = await ctx.smtp.waitForMail('carla@partner.test');
    expect(mail.subject.startsWith('[Action required]')).toBe(true);
    expect(mail.subject).toContain('Partner institution day');
    const link = /http:\/\/plenary\.test\/set-password\?token=(\S+)/.exec(mail.text);
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link![1]);

    const sent = await waitFor('the invitation to show as sent', async () => {
      const response = await ctx.app.http.get(`/events/${eventId}/emails`).set('Authorization', ana.auth).expect(200);
      const items = response.body.items as Array<{ to: string; subject: string; status: string; sentAt: string }>;
      return items.length === 1 && items[0].status === 'sent' ? items : null;
    });
    expect(sent[0]).toMatchObject({ to: 'carla@partner.test', subject: mail.subject, status: 'sent' });
    const event = await ctx.app.http.get(`/events/${eventId}`).set('Authorization', ana.auth).expect(200);
    expect(sent[0].sentAt).toBe(formatInZone(new Date(sent[0].sentAt), event.body.timezone));
    expect(sent[0].sentAt).not.toMatch(/Z$/);
    expect(ctx.smtp.for('carla@partner.test')).toHaveLength(1);

    // Until the password is set there is no way in, and the link itself is no login.
    await ctx.app.http.post('/auth/login').send({ email: 'carla@partner.test', password: 'carla-password-1' }).expect(401);
    await ctx.app.http.get(`/events/${eventId}`).set('Authorization', `Bearer ${token}`).expect(403);

    await ctx.app.http.post('/auth/password').send({ token, password: 'carla-password-1' }).expect(200);
    await ctx.app.http.post('/auth/password').send({ token, password: 'carla-password-2' }).expect(400);
    const carla = await login(ctx.app.http, 'carla@partner.test', 'carla-password-1');
    const seen = await ctx.app.http.get(`/events/${eventId}`).set('Authorization', carla).expect(200);
    expect(seen.body).toMatchObject({ id: eventId, myRole: 'organiser' });
    expect((await memberOf(eventId, 'carla@partner.test')).status).toBe('active');

    const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM emails WHERE to_address = $1', [
      'carla@partner.test',
    ]);
    expect(n).toBe(1);
    expect(ctx.smtp.for('carla@partner.test')).toHaveLength(1);
  });

  it('adds nobody and emails nobody when the invitation is refused', async () => {
    const eventId = await createEvent(ana, 'No half invitations');
    await ctx.app.http
      .post(`/events/${eventId}/members`)
      .set('Authorization', bruno.auth)
      .send({ email: 'mallory@nowhere.test', role: 'owner' })
      .expect(404);
    const [{ n }] = await ctx.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM organisers WHERE email = 'mallory@nowhere.test')::int
            + (SELECT count(*) FROM emails WHERE to_address = 'mallory@nowhere.test')::int AS n`,
    );
    expect(n).toBe(0);
  });

  it('never removes the last owner, but does once a second owner is added', async () => {
    const eventId = await createEvent(ana, 'Owned by two');
    const anaMember = await memberOf(eventId, 'ana@region.test');
    const refused = await ctx.app.http.delete(`/events/${eventId}/members/${anaMember.id}`).set('Authorization', ana.auth).expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    await ctx.app.http.get(`/events/${eventId}`).set('Authorization', ana.auth).expect(200);

    const doraMember = await ctx.app.http
      .post(`/events/${eventId}/members`)
      .set('Authorization', ana.auth)
      .send({ email: 'dora@partner.test', role: 'owner' })
      .expect(201);
    expect(doraMember.body).toMatchObject({ role: 'owner', status: 'active' });

    await ctx.app.http.delete(`/events/${eventId}/members/${anaMember.id}`).set('Authorization', dora.auth).expect(204);
    await ctx.app.http.get(`/events/${eventId}`).set('Authorization', ana.auth).expect(404);
    expect((await members(eventId, dora)).map((m) => [m.email, m.role])).toEqual([['dora@partner.test', 'owner']]);

    await ctx.app.http.delete(`/events/${eventId}/members/${doraMember.body.id}`).set('Authorization', dora.auth).expect(409);
    await ctx.app.http.get(`/events/${eventId}`).set('Authorization', dora.auth).expect(200);
  });

  it('keeps an owner when two owners remove each other at the same moment', async () => {
    const eventId = await createEvent(ana, 'Mutual removal');
    const doraMember = await ctx.app.http
      .post(`/events/${eventId}/members`)
      .set('Authorization', ana.auth)
      .send({ email: 'dora@partner.test', role: 'owner' })
      .expect(201);
    const anaMember = await memberOf(eventId, 'ana@region.test');
    const [one, other] = await Promise.all([
      ctx.app.http.delete(`/events/${eventId}/members/${doraMember.body.id}`).set('Authorization', ana.auth),
      ctx.app.http.delete(`/events/${eventId}/members/${anaMember.id}`).set('Authorization', dora.auth),
    ]);
    const statuses = [one.status, other.status].sort();
    // The second either found itself outranked (404: no longer a member) or the last owner (409).
    expect(statuses[0]).toBe(204);
    expect([404, 409]).toContain(statuses[1]);
    const [{ n }] = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM event_members WHERE event_id = $1 AND role = 'owner'`,
      [eventId],
    );
    expect(n).toBe(1);
  });

  it("ends a removed member's access: the event answers them 404 from then on", async () => {
    const eventId = await createEvent(ana, 'Removal');
    const added = await ctx.app.http
      .post(`/events/${eventId}/members`)
      .set('Authorization', ana.auth)
      .send({ email: 'bruno@region.test', role: 'organiser' })
      .expect(201);
    await ctx.app.http.get(`/events/${eventId}`).set('Authorization', bruno.auth).expect(200);

    await ctx.app.http.delete(`/events/${eventId}/members/${added.body.id}`).set('Authorization', ana.auth).expect(204);
    await ctx.app.http.get(`/events/${eventId}`).set('Authorization', bruno.auth).expect(404);
    await ctx.app.http.get(`/events/${eventId}/members`).set('Authorization', bruno.auth).expect(404);
    await ctx.app.http.patch(`/events/${eventId}`).set('Authorization', bruno.auth).send({ title: 'Still here?' }).expect(404);
    const listed = await ctx.app.http.get('/events?limit=200').set('Authorization', bruno.auth).expect(200);
    expect(listed.body.items.map((e: { id: string }) => e.id)).not.toContain(eventId);

    await ctx.app.http.get(`/events/${eventId}/members/${added.body.id}`).set('Authorization', ana.auth).expect(404);
    await ctx.app.http.delete(`/events/${eventId}/members/${added.body.id}`).set('Authorization', ana.auth).expect(404);
    // The account itself stays; only the membership went.
    await login(ctx.app.http, 'bruno@region.test', 'bruno-password-1');
  });

  it('lists members with their role and status, page by page', async () => {
    const eventId = await createEvent(ana, 'Listed members');
    for (const [email, role] of [
      ['bruno@region.test', 'organiser'],
      ['dora@partner.test', 'owner'],
      ['elena@partner.test', 'organiser'],
    ]) {
      await ctx.app.http.post(`/events/${eventId}/members`).set('Authorization', ana.auth).send({ email, role }).expect(201);
    }

    const all = await members(eventId);
    expect(all.map((m) => [m.email, m.role, m.status]).sort()).toEqual([
      ['ana@region.test', 'owner', 'active'],
      ['bruno@region.test', 'organiser', 'active'],
      ['dora@partner.test', 'owner', 'active'],
      ['elena@partner.test', 'organiser', 'invited'],
    ]);
    for (const member of all) {
      const one = await ctx.app.http.get(`/events/${eventId}/members/${member.id}`).set('Authorization', ana.auth).expect(200);
      expect(one.body).toEqual(member);
    }

    const first = await ctx.app.http.get(`/events/${eventId}/members?limit=3`).set('Authorization', ana.auth).expect(200);
    expect(first.body.items).toHaveLength(3);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await ctx.app.http
      .get(`/events/${eventId}/members`)
      .query({ limit: 3, cursor: first.body.nextCursor })
      .set('Authorization', ana.auth)
      .expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const paged = [...first.body.items, ...second.body.items].map((m: Member) => m.id);
    expect([...paged].sort()).toEqual(all.map((m) => m.id).sort());

    await ctx.app.http.get(`/events/${eventId}/members?cursor=nonsense`).set('Authorization', ana.auth).expect(400);
  });

  it('answers 404 for a member id of another event, and for one that is not a UUID', async () => {
    const mine = await createEvent(ana, 'First of two');
    const other = await createEvent(ana, 'Second of two');
    const added = await ctx.app.http
      .post(`/events/${other}/members`)
      .set('Authorization', ana.auth)
      .send({ email: 'bruno@region.test', role: 'organiser' })
      .expect(201);

    await ctx.app.http.get(`/events/${mine}/members/${added.body.id}`).set('Authorization', ana.auth).expect(404);
    await ctx.app.http.delete(`/events/${mine}/members/${added.body.id}`).set('Authorization', ana.auth).expect(404);
    await ctx.app.http.get(`/events/${other}/members/${added.body.id}`).set('Authorization', ana.auth).expect(200);
    await ctx.app.http.get(`/events/${other}`).set('Authorization', bruno.auth).expect(200);

    // Ana owns both events, yet her membership in one is not a member of the other.
    const anaInOther = await memberOf(other, 'ana@region.test');
    await ctx.app.http.delete(`/events/${mine}/members/${anaInOther.id}`).set('Authorization', ana.auth).expect(404);
    await ctx.app.http.get(`/events/${other}`).set('Authorization', ana.auth).expect(200);

    await ctx.app.http.get(`/events/${mine}/members/not-a-uuid`).set('Authorization', ana.auth).expect(404);
    await ctx.app.http.delete(`/events/${mine}/members/not-a-uuid`).set('Authorization', ana.auth).expect(404);
  });
});
