import { Client } from 'pg';
import { normaliseRegion } from '../../../src/people/region';
import { readCsv } from '../../../src/platform/http/csv-reader';
import { asBytes, cellText, xlsxRows } from '../../support/spreadsheet';
import type { ReportData } from '../../../src/reports/report-data';
import { createOpenEvent } from '../../support/future-event';
import {
  CHAIRS,
  EUROPEAN_REGIONS,
  HOST,
  LATIN_AMERICAN_REGIONS,
  SeedPerson,
  attendeesCsv,
  buildRegionMeeting,
  importedAttendee,
  pairingPresenters,
  regionKey,
  uploadMaterials,
} from '../../support/region-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

const WEBHOOK_SECRET = 'report-test-webhook-secret';
const CAPACITY = 210;
const IMPORTED = 220;
const DAY1 = '2019-10-08';
const DAY2 = '2019-10-09';
const MEMBER = { email: 'maria.member@org.test', name: 'Maria Member', password: 'member-password-1' };
const OUTSIDER = { email: 'olga.outsider@org.test', name: 'Olga Outsider', password: 'outsider-password-1' };

type Status = 'confirmed' | 'waitlisted' | 'pending' | 'cancelled' | 'rejected';

/**
 * What the test does to registrations, replayed on a model with the rules the
 * seed relies on (seats up to the capacity, then the waitlist; a freed seat
 * goes to the first on the waitlist), so every expected number comes from
 * the seed and not from the system under test.
 */
class RegistrationModel {
  readonly status = new Map<number, Status>();
  readonly promoted = new Set<number>();
  readonly checkedIn = new Map<number, Set<string>>();
  private readonly waitlist: number[] = [];

  constructor(private readonly capacity: number) {}

  add(i: number, wanted?: 'pending'): Status {
    const confirmed = [...this.status.values()].filter((s) => s === 'confirmed').length;
    const status: Status = wanted ?? (confirmed < this.capacity ? 'confirmed' : 'waitlisted');
    this.status.set(i, status);
    if (status === 'waitlisted') this.waitlist.push(i);
    return status;
  }

  cancel(i: number): void {
    const was = this.status.get(i);
    this.status.set(i, 'cancelled');
    if (was === 'waitlisted') this.waitlist.splice(this.waitlist.indexOf(i), 1);
    if (was === 'confirmed') {
      const next = this.waitlist.shift();
      if (next !== undefined) {
        this.status.set(next, 'confirmed');
        this.promoted.add(next);
      }
    }
  }

  checkIn(i: number, day: string): void {
    const days = this.checkedIn.get(i) ?? new Set<string>();
    days.add(day);
    this.checkedIn.set(i, days);
  }

  withStatus(status: Status): number[] {
    return [...this.status].filter(([, s]) => s === status).map(([i]) => i);
  }
}

describe('post-event reports of the region-to-region meeting', () => {
  const ctx = useTestApp({ PLENARY_MAIL_WEBHOOK_SECRET: WEBHOOK_SECRET });
  let auth: string;
  let memberAuth: string;
  let outsiderAuth: string;
  let attendeeAuth: string;
  let meeting: Awaited<ReturnType<typeof buildRegionMeeting>>;
  let base: string;
  const people: SeedPerson[] = [];
  const ids: string[] = [];
  const model = new RegistrationModel(CAPACITY);
  let report: { id: string; version: number; status: string };
  let data: ReportData;

  const http = () => ctx.app.http;
  const settled = (what: string) =>
    waitFor(
      `the event's emails to settle (${what})`,
      async () => {
        const [row] = await ctx.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM emails WHERE event_id = $1 AND status IN ('queued', 'sending')`,
          [meeting.event.id],
        );
        return row.n === 0;
      },
      30_000,
    );
  const cancel = async (i: number) => {
    await http().post(`${base}/registrations/${ids[i]}/cancel`).set('Authorization', auth).expect(200);
    model.cancel(i);
  };

  beforeAll(async () => {
    auth = await login(http(), ADMIN.email, ADMIN.password);
    for (const organiser of [MEMBER, OUTSIDER]) await http().post('/organisers').set('Authorization', auth).send(organiser).expect(201);
    memberAuth = await login(http(), MEMBER.email, MEMBER.password);
    outsiderAuth = await login(http(), OUTSIDER.email, OUTSIDER.password);

    meeting = await buildRegionMeeting(http(), auth, { capacity: CAPACITY });
    base = meeting.base;
    await http().post(`${base}/members`).set('Authorization', auth).send({ email: MEMBER.email, role: 'organiser' }).expect(201);
    // The first chair also organises: an account with her email (invited, no password yet).
    await http().post(`${base}/members`).set('Authorization', auth).send({ email: CHAIRS[0].email, role: 'organiser' }).expect(201);

    // Registrations 0–2 by the organisers' form with the confirmation email: the second chair,
    // the first lead presenter (typing her region in lower case) and an address that will bounce.
    people.push(
      CHAIRS[1],
      { ...pairingPresenters(0)[0], region: "o'higgins" },
      {
        name: 'Bea Bounce',
        email: 'bea.bounce@meeting.test',
        organisation: 'Agencia Piura',
        organisationType: 'business',
        region: 'Piura',
        countryCode: 'PE',
      },
      {
        name: 'Paul Pending',
        email: 'paul.pending@meeting.test',
        organisation: 'Pending Org',
        organisationType: 'ngo',
        region: 'Norte',
        countryCode: 'PT',
      },
      {
        name: 'Rita Rejected',
        email: 'rita.rejected@meeting.test',
        organisation: 'Rejected Org',
        organisationType: 'other',
        region: 'Toscana',
        countryCode: 'IT',
      },
    );
    for (let i = 0; i < 5; i++) {
      const pending = i >= 3;
      const created = await http()
        .post(`${base}/registrations`)
        .set('Authorization', auth)
        .send({ ...people[i], ...(pending ? { status: 'pending', notify: false } : {}) })
        .expect(201);
      expect(created.body.status).toBe(model.add(i, pending ? 'pending' : undefined));
      ids[i] = created.body.id;
    }
    // 5–224 by CSV import, without emails.
    const imported = Array.from({ length: IMPORTED }, (_, i) => importedAttendee(i));
    people.push(...imported);
    const importReport = await http()
      .post(`${base}/registrations/import?notify=false`)
      .set('Authorization', auth)
      .set('Content-Type', 'text/csv')
      .send(attendeesCsv(imported))
      .expect(200);
    expect(importReport.body).toEqual({ imported: IMPORTED, rejected: [] });
    imported.forEach((_, i) => model.add(5 + i));
    const byEmail = new Map<string, string>();
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: { body: { items: Array<{ id: string; email: string }>; nextCursor: string | null } } = await http()
        .get(`${base}/registrations?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', auth)
        .expect(200);
      for (const r of page.body.items as Array<{ id: string; email: string }>) byEmail.set(r.email.toLowerCase(), r.id);
      cursor = page.body.nextCursor;
    }
    people.forEach((p, i) => (ids[i] = byEmail.get(p.email.toLowerCase()) as string));
    expect(ids.filter(Boolean)).toHaveLength(5 + IMPORTED);

    // The third registration's confirmation bounces; her later mail is held back.
    await settled('confirmations');
    const confirmations = await http().get(`${base}/emails?kind=registration-confirmed`).set('Authorization', auth).expect(200);
    const bounced = (confirmations.body.items as Array<{ to: string; messageId: string }>).find((m) => m.to === people[2].email)!;
    await http()
      .post('/webhooks/mail-events')
      .set('X-Plenary-Webhook-Secret', WEBHOOK_SECRET)
      .send({ type: 'bounce', messageId: bounced.messageId, permanent: true })
      .expect(200);

    // Five confirmed cancel (each promotes the first on the waitlist), then the last on the waitlist.
    for (const i of [2, 15, 25, 35, 45]) await cancel(i);
    await cancel(5 + IMPORTED - 1);

    // The rejection email meets a permanent SMTP failure.
    await settled('cancellations and promotions');
    ctx.smtp.replyWith(550);
    await http().post(`${base}/registrations/${ids[4]}/reject`).set('Authorization', auth).expect(200);
    model.status.set(4, 'rejected');
    await waitFor('the rejection to fail', async () => {
      const [row] = await ctx.db.query<{ status: string }>(
        `SELECT status FROM emails WHERE event_id = $1 AND kind = 'registration-rejected'`,
        [meeting.event.id],
      );
      return row?.status === 'failed';
    });

    // The first two pairings' presenters are invited (four emails).
    for (const presentation of meeting.presentations.slice(0, 2)) {
      await http().post(`/presentations/${presentation.id}/invitations`).set('Authorization', auth).send({}).expect(201);
    }

    // Materials: twelve before the deadline (the first one updated after it), five after, three never.
    for (const presentation of meeting.presentations.slice(0, 12)) await uploadMaterials(http(), auth, base, presentation.id);
    await http().patch(base).set('Authorization', auth).send({ materialsDueAt: new Date().toISOString() }).expect(200);
    for (const presentation of meeting.presentations.slice(12, 17)) await uploadMaterials(http(), auth, base, presentation.id);
    await uploadMaterials(http(), auth, base, meeting.presentations[0].id);

    // Check-ins: day 1 registrations 0–179, day 2 registrations 40–200, where confirmed.
    for (const [day, from, to] of [
      [DAY1, 0, 179],
      [DAY2, 40, 200],
    ] as const) {
      for (let i = from; i <= to; i++) {
        if (model.status.get(i) !== 'confirmed') continue;
        await http().post(`${base}/check-ins`).set('Authorization', auth).send({ registrationId: ids[i], day }).expect(201);
        model.checkIn(i, day);
      }
    }
    // Someone who came on day 1 cancels afterwards: still an attendee, and the seat goes on.
    await cancel(6);

    await http()
      .post(`${base}/outcomes`)
      .set('Authorization', auth)
      .send({ label: 'missions undertaken', value: '40', note: 'over the year of cooperation' })
      .expect(201);
    await http().post(`${base}/outcomes`).set('Authorization', auth).send({ label: 'joint action plans', value: 12 }).expect(201);
    await http()
      .post(`${base}/highlights`)
      .set('Authorization', auth)
      .send({
        quote: 'It helps us internationalise our development strategy.',
        attribution: "Ignacio Tello, O'Higgins Regional Government",
      })
      .expect(201);
    await http()
      .post(`${base}/highlights`)
      .set('Authorization', auth)
      .send({
        quote: 'It fits perfectly with the strategies of many regions of Europe.',
        attribution: 'Javier Bereche, Piura Chamber of Commerce',
      })
      .expect(201);
    await settled('everything seeded');

    const [mail] = await ctx.smtp.waitForMail(people[0].email);
    attendeeAuth = `Bearer ${decodeURIComponent(/\/my-registration\?token=(\S+)/.exec(mail.text)![1])}`;

    const requested = await http().post(`${base}/reports`).set('Authorization', memberAuth).expect(202);
    report = requested.body;
    const completed = await waitFor(
      'the report to be compiled',
      async () => {
        const got = await http().get(`${base}/reports/${report.id}`).set('Authorization', auth).expect(200);
        return got.body.status === 'completed' ? got.body : null;
      },
      30_000,
    );
    data = completed.data;
  }, 240_000);

  // ------------------------------------------------------------------ expectations from the seed

  const registeredEmail = (i: number) => people[i].email.toLowerCase();
  const presenters = () => LATIN_AMERICAN_REGIONS.flatMap((_, i) => pairingPresenters(i));
  /** Each person's details as last given (registrations update the person they match by email). */
  const details = () => {
    const map = new Map<string, SeedPerson>();
    for (const p of [...CHAIRS, ...presenters()]) map.set(p.email.toLowerCase(), p);
    people.forEach((p, i) => {
      if (model.status.has(i)) map.set(registeredEmail(i), p);
    });
    return map;
  };
  const attendeeEmails = () =>
    new Set([...model.status].filter(([i, s]) => s === 'confirmed' || model.checkedIn.has(i)).map(([i]) => registeredEmail(i)));
  const involvedEmails = () =>
    new Set([...attendeeEmails(), ...presenters().map((p) => p.email), ...CHAIRS.map((c) => c.email)].map((e) => e.toLowerCase()));
  const tally = <T>(items: T[], key: (item: T) => string) => {
    const out: Record<string, number> = {};
    for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
    return out;
  };

  it('answers 202 with the report and lists it as the first version, asked for by the member', async () => {
    expect(report).toMatchObject({ id: expect.any(String), version: 1, status: 'queued' });
    const list = await http().get(`${base}/reports`).set('Authorization', auth).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: report.id, version: 1, status: 'completed', progress: 100, trigger: 'manual', error: null }),
    ]);
    const [member] = await ctx.db.query<{ id: string }>(`SELECT id FROM organisers WHERE email = $1`, [MEMBER.email]);
    expect(list.body.items[0].requestedBy).toBe(member.id);
    expect(list.body.items[0].completedAt).toMatch(/[+-]\d{2}:\d{2}$/);
    expect(list.body.items[0].durationMs).toEqual(expect.any(Number));
  });

  it('counts the people involved: attendees, presenters and chairs once each, organisers by email', () => {
    const attendees = attendeeEmails();
    const persons = involvedEmails();
    const organiserEmails = [ADMIN.email, MEMBER.email, CHAIRS[0].email];
    const alsoPersons = organiserEmails.filter((e) => persons.has(e.toLowerCase())).length;
    expect(data.people).toEqual({
      attendees: attendees.size,
      presenters: 2 * LATIN_AMERICAN_REGIONS.length,
      chairs: CHAIRS.length,
      persons: persons.size,
      organisers: organiserEmails.length,
      organisersAmongPersons: alsoPersons,
      involved: persons.size + organiserEmails.length - alsoPersons,
    });
    // The second chair and the first lead registered too, so they count once; so does the chair who organises.
    expect(persons.size).toBe(attendees.size + 40 + 2 - 2);
    expect(alsoPersons).toBe(1);
    expect(data.headline.peopleInvolved).toBe(data.people.involved);
    expect(data.people.involved).toBeGreaterThan(200);
  });

  it('counts registrations by status, cancellations, waitlist promotions and no-shows', () => {
    const byStatus = Object.fromEntries(
      (['confirmed', 'waitlisted', 'pending', 'cancelled', 'rejected'] as const).map((s) => [s, model.withStatus(s).length]),
    );
    const noShows = model.withStatus('confirmed').filter((i) => !model.checkedIn.has(i)).length;
    expect(data.registrations).toEqual({
      total: 5 + IMPORTED,
      byStatus,
      bySource: { organiser: 5, import: IMPORTED },
      cancellations: 7,
      waitlistPromotions: model.promoted.size,
      noShows,
    });
    expect(byStatus.confirmed).toBe(CAPACITY);
    expect(model.promoted.size).toBe(6);
    expect(data.headline.registrations).toBe(5 + IMPORTED);
  });

  it('counts attendance per day and over the event', () => {
    const days = [...model.checkedIn.values()];
    const day1 = days.filter((d) => d.has(DAY1)).length;
    const day2 = days.filter((d) => d.has(DAY2)).length;
    expect(day1).not.toBe(day2);
    expect(data.attendance).toEqual({
      byDay: [
        { day: DAY1, checkedIn: day1 },
        { day: DAY2, checkedIn: day2 },
      ],
      overEvent: model.checkedIn.size,
      everyDay: days.filter((d) => d.size === 2).length,
      rate: Math.round((model.checkedIn.size / CAPACITY) * 1000) / 1000,
    });
    expect(data.headline.attendedEvent).toBe(model.checkedIn.size);
  });

  it('counts participation by country, region (case-insensitively) and organisation type', () => {
    const who = details();
    const involved = [...involvedEmails()].map((email) => who.get(email) as SeedPerson);
    const byCountry = tally(involved, (p) => p.countryCode);
    const byRegion = tally(involved, regionKey);
    const byType = tally(involved, (p) => p.organisationType);
    expect(Object.fromEntries(data.participation.byCountry.map((c) => [c.countryCode, c.people]))).toEqual(byCountry);
    expect(Object.fromEntries(data.participation.byRegion.map((r) => [`${r.countryCode}|${r.region.toLowerCase()}`, r.people]))).toEqual(
      byRegion,
    );
    expect(Object.fromEntries(data.participation.byOrganisationType.map((t) => [t.organisationType, t.people]))).toEqual(byType);
    expect(data.participation.regions).toBe(Object.keys(byRegion).length);
    expect(data.participation.countries).toBe(Object.keys(byCountry).length);
    // Forty paired regions and Brussels, in three spellings each.
    expect(data.participation.regions).toBe(41);
    expect(data.participation.countries).toBe(16);
    expect(data.participation.people).toBe(involved.length);
    const latinAmerica = data.participation.byArea.find((a) => a.area === 'latin_america_caribbean');
    expect(latinAmerica).toEqual({
      area: 'latin_america_caribbean',
      label: 'Latin America and the Caribbean',
      people: involved.filter((p) => LATIN_AMERICAN_REGIONS.some((r) => r.countryCode === p.countryCode)).length,
      regions: 20,
      countries: 6,
    });
    // The typographic apostrophe is folded and the spellings merge.
    // and the mixed-case spelling is the one shown.
    expect(data.participation.byRegion.filter((r) => r.region.toLowerCase() === "o'higgins")).toEqual([
      { countryCode: 'CL', region: "O'Higgins", people: byRegion["CL|o'higgins"] },
    ]);
  });

  it('describes the programme as held, which the latest published version shows in full', () => {
    expect(data.programme).toEqual({
      version: {
        number: 2,
        note: 'Discussion moved; laboratory visit cancelled',
        publishedAt: expect.stringMatching(/^\d{4}-.*[+-]\d{2}:\d{2}$/),
      },
      versions: 2,
      sessionsHeld: 5,
      unpublished: [],
      byTheme: [
        { themeId: meeting.themes.industry.id, theme: 'Industry modernisation and innovation', sessions: 1 },
        { themeId: meeting.themes.sustainability.id, theme: 'Sustainability and innovation in natural resource management', sessions: 1 },
        { themeId: null, theme: 'No theme', sessions: 3 },
      ],
      byDay: [
        { day: DAY1, sessions: 3 },
        { day: DAY2, sessions: 2 },
      ],
      byKind: [
        { kind: 'presentations', sessions: 2 },
        { kind: 'discussion', sessions: 1 },
        { kind: 'panel', sessions: 1 },
        { kind: 'workshop', sessions: 1 },
      ],
      coOrganised: [{ host: HOST, sessions: 2, titles: [meeting.sessions.workshop.title, meeting.sessions.closing.title] }],
      cancelled: [
        { sessionId: meeting.sessions.siteVisit.id, title: 'Visit to the JRC laboratories', startsAt: '2019-10-09T14:00:00+02:00' },
      ],
      moved: [
        {
          sessionId: meeting.sessions.discussion.id,
          title: 'Future innovation in the regions',
          from: '2019-10-08T14:30:00+02:00',
          to: '2019-10-08T15:00:00+02:00',
          times: 1,
        },
      ],
    });
    expect(data.headline.sessionsHeld).toBe(5);
  });

  it('lists every pairing with its presenters, and whose materials came on time, late or not at all', () => {
    expect(data.presentations).toMatchObject({
      total: 20,
      presenters: 40,
      regions: 40,
      countries: 16,
      materials: { onTime: 12, late: 5, missing: 3 },
    });
    expect(data.presentations.byArea).toEqual([
      { area: 'latin_america_caribbean', label: 'Latin America and the Caribbean', people: 20, regions: 20, countries: 6 },
      { area: 'europe', label: 'Europe', people: 20, regions: 20, countries: 10 },
    ]);
    expect(data.presentations.items.map((p) => p.materials)).toEqual([
      ...Array(12).fill('on_time'),
      ...Array(5).fill('late'),
      ...Array(3).fill('missing'),
    ]);
    data.presentations.items.forEach((item, i) => {
      const [lead, partner] = pairingPresenters(i);
      expect(item).toMatchObject({
        id: meeting.presentations[i].id,
        session: i < 10 ? meeting.sessions.sustainability.title : meeting.sessions.industry.title,
        day: DAY1,
        presenters: [
          {
            name: lead.name,
            organisation: lead.organisation,
            region: normaliseRegion(lead.region),
            countryCode: lead.countryCode,
            role: 'lead',
          },
          { name: partner.name, organisation: partner.organisation, region: partner.region, countryCode: partner.countryCode, role: 'co' },
        ],
      });
    });
    expect(data.presentations.items[0].versions).toBe(2);
    expect(data.headline).toMatchObject({ presentations: 20, presentingRegions: 40, presentingCountries: 16 });
    expect(EUROPEAN_REGIONS).toHaveLength(20);
  });

  it('counts the emails by kind and status', () => {
    const kinds = Object.fromEntries(
      data.emails.byKind.map((k) => [
        k.kind,
        Object.fromEntries(Object.entries(k).filter(([key, n]) => key !== 'kind' && key !== 'total' && n !== 0)),
      ]),
    );
    expect(kinds).toEqual({
      'registration-confirmed': { sent: 2, bounced: 1 },
      'organiser-invitation': { sent: 1 },
      'registration-cancelled': { sent: 6, cancelled: 1 },
      'registration-promoted': { sent: model.promoted.size },
      'registration-rejected': { failed: 1 },
      'presenter-invitation': { sent: 4 },
    });
    expect(data.emails.total).toBe(3 + 1 + 7 + model.promoted.size + 1 + 4);
    expect(data.emails.byStatus).toEqual({
      queued: 0,
      sending: 0,
      sent: 2 + 1 + 6 + model.promoted.size + 4,
      failed: 1,
      bounced: 1,
      cancelled: 1,
    });
  });

  it('carries the outcomes and highlights in their order', () => {
    expect(data.outcomes).toEqual([
      { label: 'missions undertaken', value: '40', note: 'over the year of cooperation' },
      { label: 'joint action plans', value: 12, note: null },
    ]);
    expect(data.highlights.map((h) => h.attribution)).toEqual([
      "Ignacio Tello, O'Higgins Regional Government",
      'Javier Bereche, Piura Chamber of Commerce',
    ]);
  });

  it('emails each organiser of the event once that the report is ready, with its link', async () => {
    const link = `http://plenary.test/events/${meeting.event.id}/reports/${report.id}.html`;
    for (const email of [ADMIN.email, MEMBER.email, CHAIRS[0].email]) {
      const mails = await waitFor(`the report-ready mail to ${email}`, () => {
        const ready = ctx.smtp.for(email).filter((m) => m.subject.startsWith('Report ready'));
        return ready.length > 0 ? ready : null;
      });
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('Report ready: IUC region-to-region meeting (version 1)');
      expect(mails[0].text).toContain(link);
      expect(mails[0].text).toContain(`People involved: ${data.people.involved}`);
    }
    const rows = await ctx.db.query<{ dedupe_key: string }>(
      `SELECT dedupe_key FROM emails WHERE kind = 'report-ready' ORDER BY dedupe_key`,
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.dedupe_key.startsWith(`report-ready:${report.id}:`))).toBe(true);
  });

  it('serves a printable page with tables and inline SVG charts, and nothing fetched or run', async () => {
    const page = await http().get(`${base}/reports/${report.id}.html`).set('Authorization', auth).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    const text = page.text;
    expect(text).toMatch(/^<!doctype html>/);
    expect(text).toContain('<h1>IUC region-to-region meeting</h1>');
    expect(text).toContain(`<span class="n">${data.people.involved}</span><span class="l">people involved</span>`);
    expect(text).toContain('<span class="n">40</span><span class="l">missions undertaken</span>');
    // Totals align with the numbers above them.
    expect(text).toContain(`<tfoot><tr class="total"><td>People involved</td><td class="num">${data.people.involved}</td></tr></tfoot>`);
    expect(text).toContain('Latin America and the Caribbean: 20 regions from 6 countries');
    expect((text.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect((text.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(8);
    for (const forbidden of ['<script', '<link', '@import', 'url(', ' src=', '@font-face']) expect(text).not.toContain(forbidden);
    expect((text.match(/https?:\/\/[^"\s<]+/g) ?? []).filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
  });

  it('serves the report JSON at the bare address and at .json', async () => {
    const bare = await http().get(`${base}/reports/${report.id}`).set('Authorization', auth).expect(200);
    const dotJson = await http().get(`${base}/reports/${report.id}.json`).set('Authorization', auth).expect(200);
    expect(dotJson.headers['content-type']).toMatch(/^application\/json/);
    expect(dotJson.body).toEqual(bare.body);
    expect(dotJson.body.data.people.involved).toBe(data.people.involved);
  });

  it('serves the report as section,key,value CSV', async () => {
    const csv = await http().get(`${base}/reports/${report.id}.csv`).set('Authorization', auth).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename=".+-report-v1\.csv"$/);
    const [header, ...rows] = readCsv(csv.text);
    expect(header.fields).toEqual(['section', 'key', 'value']);
    expect(rows.every((r) => r.fields.length === 3)).toBe(true);
    const value = (section: string, key: string) => rows.find((r) => r.fields[0] === section && r.fields[1] === key)?.fields[2];
    expect(value('headline', 'people_involved')).toBe(String(data.people.involved));
    expect(value('registrations', 'status.confirmed')).toBe(String(CAPACITY));
    expect(value('registrations', 'waitlist_promotions')).toBe(String(model.promoted.size));
    expect(value('attendance', `day.${DAY1}`)).toBe(String(data.attendance.byDay[0].checkedIn));
    expect(value('participation', 'regions')).toBe('41');
    expect(value('programme.host', HOST)).toBe('2');
    expect(value('materials', 'late')).toBe('5');
    expect(value('emails', 'registration-rejected.failed')).toBe('1');
    expect(value('outcomes', 'missions undertaken')).toBe('40');
    expect(value('presentation', '1.presenter.1')).toBe(`Lead 1, Regional Government of O'Higgins, O'Higgins, CL`);
  });

  it('serves the same rows as an xlsx workbook, and the CSV with a BOM when asked for a download', async () => {
    const plain = await asBytes(http().get(`${base}/reports/${report.id}.csv`).set('Authorization', auth)).expect(200);
    expect((plain.body as Buffer)[0]).toBe('s'.charCodeAt(0));
    const download = await asBytes(http().get(`${base}/reports/${report.id}.csv?download=1`).set('Authorization', auth)).expect(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename=".+-report-v1\.csv"$/);
    expect([...(download.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((download.body as Buffer).subarray(3).equals(plain.body as Buffer)).toBe(true);

    const workbook = await asBytes(http().get(`${base}/reports/${report.id}.xlsx`).set('Authorization', auth)).expect(200);
    expect(workbook.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(workbook.headers['content-disposition']).toMatch(/^attachment; filename=".+-report-v1\.xlsx"$/);
    const sheet = await xlsxRows(workbook.body as Buffer);
    const csv = readCsv((plain.body as Buffer).toString('utf8')).map((row) => row.fields);
    expect(sheet.map((row) => row.map(cellText))).toEqual(csv);
    expect(sheet.flat().some((cell) => String(cell.value).includes('Biobío'))).toBe(true);
    expect(sheet.flat().some((cell) => cell.value === `Lead 1, Regional Government of O'Higgins, O'Higgins, CL`)).toBe(true);
    const links = (await http().get(`${base}/reports/${report.id}`).set('Authorization', auth).expect(200)).body.links;
    expect(links.xlsx).toBe(`${base}/reports/${report.id}.xlsx`);
  });

  it('shares one compile between requests made while it is queued or running, and shows its progress', async () => {
    // Holding the outcomes table keeps the compile at its second-to-last step.
    const locker = new Client({ connectionString: ctx.db.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE event_outcomes IN ACCESS EXCLUSIVE MODE');
      const first = await http().post(`${base}/reports`).set('Authorization', auth).expect(202);
      const second = await http().post(`${base}/reports`).set('Authorization', memberAuth).expect(202);
      expect(first.body).toMatchObject({ version: 2, shared: false });
      expect(second.body).toMatchObject({ id: first.body.id, version: 2, shared: true });
      const running = await waitFor('the compile to wait on the outcomes', async () => {
        const got = await http().get(`${base}/reports/${first.body.id}`).set('Authorization', auth).expect(200);
        return got.body.status === 'compiling' && got.body.progress >= 50 ? got.body : null;
      });
      expect(running.progress).toBeLessThan(100);
      expect(running.data).toBeNull();
      await http().get(`${base}/reports/${first.body.id}.html`).set('Authorization', auth).expect(409);
      await locker.query('COMMIT');
      await waitFor('the second version', async () => {
        const got = await http().get(`${base}/reports/${first.body.id}`).set('Authorization', auth).expect(200);
        return got.body.status === 'completed';
      });
    } finally {
      await locker.end();
    }
    const list = await http().get(`${base}/reports`).set('Authorization', auth).expect(200);
    expect(list.body.items.map((r: { version: number; status: string }) => [r.version, r.status])).toEqual([
      [2, 'completed'],
      [1, 'completed'],
    ]);
    const paged = await http().get(`${base}/reports?limit=1`).set('Authorization', auth).expect(200);
    expect(paged.body.items.map((r: { version: number }) => r.version)).toEqual([2]);
    const next = await http().get(`${base}/reports?limit=1&cursor=${paged.body.nextCursor}`).set('Authorization', auth).expect(200);
    expect(next.body).toEqual({ items: [expect.objectContaining({ version: 1 })], nextCursor: null });
    await http().get(`${base}/reports?cursor=nonsense`).set('Authorization', auth).expect(400);
  });

  it('keeps outcomes and highlights in order, validates them and edits them', async () => {
    const created = await http()
      .post(`${base}/outcomes`)
      .set('Authorization', auth)
      .send({ label: 'pilot projects', value: '9', position: 1 })
      .expect(201);
    const list = await http().get(`${base}/outcomes`).set('Authorization', auth).expect(200);
    expect(list.body.items.map((o: { label: string }) => o.label)).toEqual(['missions undertaken', 'pilot projects', 'joint action plans']);
    const patched = await http()
      .patch(`${base}/outcomes/${created.body.id}`)
      .set('Authorization', auth)
      .send({ value: 10, note: 'two more in 2020' })
      .expect(200);
    expect(patched.body).toEqual({ id: created.body.id, label: 'pilot projects', value: 10, note: 'two more in 2020', position: 1 });
    const reread = await http().get(`${base}/outcomes/${created.body.id}`).set('Authorization', auth).expect(200);
    expect(reread.body.value).toBe(10);
    const invalid = await http()
      .post(`${base}/outcomes`)
      .set('Authorization', auth)
      .send({ label: ' ', value: '', colour: 'red' })
      .expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'label', 'value']);
    await http().delete(`${base}/outcomes/${created.body.id}`).set('Authorization', auth).expect(204);
    await http().get(`${base}/outcomes/${created.body.id}`).set('Authorization', auth).expect(404);
    await http().get(`${base}/outcomes/not-an-id`).set('Authorization', auth).expect(404);

    const highlight = await http().post(`${base}/highlights`).set('Authorization', auth).send({ quote: 'A third quote' }).expect(201);
    expect(highlight.body).toEqual({ id: expect.any(String), quote: 'A third quote', attribution: null, position: 3 });
    await http()
      .patch(`${base}/highlights/${highlight.body.id}`)
      .set('Authorization', auth)
      .send({ attribution: 'A participant' })
      .expect(200);
    const highlights = await http().get(`${base}/highlights`).set('Authorization', auth).expect(200);
    expect(highlights.body.items.map((h: { attribution: string | null }) => h.attribution)).toEqual([
      "Ignacio Tello, O'Higgins Regional Government",
      'Javier Bereche, Piura Chamber of Commerce',
      'A participant',
    ]);
    await http().delete(`${base}/highlights/${highlight.body.id}`).set('Authorization', auth).expect(204);
  });

  it('answers 404 to organisers outside the event and 403 to an attendee link, on every report route', async () => {
    const routes: Array<['get' | 'post' | 'patch' | 'delete', string]> = [
      ['post', `${base}/reports`],
      ['get', `${base}/reports`],
      ['get', `${base}/reports/${report.id}`],
      ['get', `${base}/reports/${report.id}.html`],
      ['get', `${base}/reports/${report.id}.csv`],
      ['get', `${base}/outcomes`],
      ['post', `${base}/outcomes`],
      ['get', `${base}/highlights`],
      ['post', `${base}/highlights`],
    ];
    const [outcome] = await ctx.db.query<{ id: string }>(`SELECT id FROM event_outcomes WHERE event_id = $1 LIMIT 1`, [meeting.event.id]);
    routes.push(['patch', `${base}/outcomes/${outcome.id}`], ['delete', `${base}/outcomes/${outcome.id}`]);
    for (const [method, path] of routes) {
      const outsider = await http()[method](path).set('Authorization', outsiderAuth).send({ label: 'x', value: '1', quote: 'x' });
      expect([method, path, outsider.status, outsider.headers['content-type']]).toEqual([
        method,
        path,
        404,
        'application/problem+json; charset=utf-8',
      ]);
      const attendee = await http()[method](path).set('Authorization', attendeeAuth).send({ label: 'x', value: '1', quote: 'x' });
      expect([method, path, attendee.status]).toEqual([method, path, 403]);
      const anonymous = await http()[method](path).send({});
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
    }
    // Another event's report is not found through this one.
    const other = await createOpenEvent(http(), auth);
    await http().get(`/events/${other.id}/reports/${report.id}`).set('Authorization', auth).expect(404);
    await http().get(`${base}/reports/00000000-0000-4000-8000-000000000000.html`).set('Authorization', auth).expect(404);
    await http().get(`${base}/reports/${report.id}.pdf`).set('Authorization', auth).expect(404);
    expect(await ctx.db.query(`SELECT 1 FROM event_outcomes WHERE label = 'x'`)).toHaveLength(0);
  });
});
