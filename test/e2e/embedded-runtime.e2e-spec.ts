import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { PlenaryProcess, cleanEnv } from '../support/plenary-process';
import { bytes } from '../support/response-bytes';
import { waitFor } from '../support/wait-for';

/**
 * `npm start` with nothing configured: PGlite under the data dir, BullMQ on its
 * Postgres backend, mail as .eml files. Driven as real processes from dist/.
 */
describe('embedded runtime', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-embedded-'));
  const env = cleanEnv({ PLENARY_DATA_DIR: dataDir, PORT: '0', PLENARY_SWEEP_INTERVAL_SECONDS: '1', PUBLIC_URL: 'http://plenary.test' });
  let server: PlenaryProcess | null = null;
  let adminPassword = '';

  /** The first .eml file under the data dir's mail/ whose text matches. */
  function waitForEml(what: string, matches: (text: string) => boolean, timeoutMs?: number): Promise<string> {
    const mailDir = join(dataDir, 'mail');
    return waitFor(
      what,
      () => {
        let files: string[];
        try {
          files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
        } catch {
          return null;
        }
        return files.map((f) => readFileSync(join(mailDir, f), 'utf8')).find(matches);
      },
      timeoutMs,
    );
  }

  afterAll(async () => {
    await server?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts from an empty directory, serves /health and /docs, and prints the administrator password once', async () => {
    const started = Date.now();
    server = new PlenaryProcess(env).start();
    const url = await server.url(60_000);
    const http = request(url);
    const health = await http.get('/health').expect(200);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(health.body.checks).toMatchObject({
      database: { status: 'up' },
      queue: { status: 'up' },
      mail: { status: 'up', transport: 'files' },
    });
    await http.get('/docs').expect(200);
    const started_ = server.output.map((l) => (l.startsWith('{') ? JSON.parse(l) : {})).find((e) => e.msg === 'Plenary started');
    expect(started_).toMatchObject({ embedded: true, queue: 'postgres', role: 'all' });
    adminPassword = /password: (\S+)/.exec(server.text)?.[1] ?? '';
    expect(adminPassword.length).toBeGreaterThanOrEqual(12);
  });

  it('sends mail through its Postgres-backed queue into .eml files', async () => {
    const http = request(await server!.url());
    const login = await http.post('/auth/login').send({ email: 'admin@plenary.localhost', password: adminPassword }).expect(200);
    await http
      .post('/organisers')
      .set('Authorization', `Bearer ${login.body.token}`)
      .send({ email: 'lucia@piura.test', name: 'Lucía', password: 'lucia-password-1' })
      .expect(201);
    await http.post('/auth/password-reset').send({ email: 'lucia@piura.test' }).expect(202);
    const eml = await waitForEml('an .eml file for Lucía', (text) => text.includes('lucia@piura.test'));
    expect(eml).toMatch(/^Subject: Reset your Plenary password$/m);
    expect(eml).toContain('http://plenary.test/reset-password?token=');
  });

  it('registers and cancels with a promotion from the waitlist, all inside the one embedded database', async () => {
    const http = request(await server!.url());
    const auth = `Bearer ${(await http.post('/auth/login').send({ email: 'admin@plenary.localhost', password: adminPassword }).expect(200)).body.token}`;
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const event = await http
      .post('/events')
      .set('Authorization', auth)
      .send({ title: 'Embedded meeting', timezone: 'Europe/Brussels', startsAt: `${start}T09:00`, endsAt: `${start}T17:00`, capacity: 1 })
      .expect(201);
    await http.post(`/events/${event.body.id}/publish`).set('Authorization', auth).expect(200);
    const person = (n: number) => ({
      name: `P${n}`,
      email: `p${n}@region.test`,
      organisation: 'Org',
      organisationType: 'ngo',
      region: 'Piura',
      countryCode: 'PE',
    });
    const first = await http.post(`/events/${event.body.id}/registrations`).send(person(1)).expect(201);
    const second = await http.post(`/events/${event.body.id}/registrations`).send(person(2)).expect(201);
    expect([first.body.status, second.body.status]).toEqual(['confirmed', 'waitlisted']);
    await http.post(`/events/${event.body.id}/registrations/${first.body.id}/cancel`).set('Authorization', auth).expect(200);
    const promoted = await http.get(`/events/${event.body.id}/registrations/${second.body.id}`).set('Authorization', auth).expect(200);
    expect(promoted.body.status).toBe('confirmed');
    await http.get('/health').expect(200);
  });

  it('runs queue jobs within seconds while the queue holds delayed jobs: a change notice and an announcement arrive within 10 s', async () => {
    const http = request(await server!.url());
    const auth = `Bearer ${(await http.post('/auth/login').send({ email: 'admin@plenary.localhost', password: adminPassword }).expect(200)).body.token}`;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    // Default reminder rules: the reminders queue now holds delayed fan-out jobs.
    const event = await http
      .post('/events')
      .set('Authorization', auth)
      .send({ title: 'Embedded reminders', timezone: 'Europe/Brussels', startsAt: `${day(30)}T09:00`, endsAt: `${day(30)}T17:00` })
      .expect(201);
    await http.post(`/events/${event.body.id}/publish`).set('Authorization', auth).expect(200);
    const email = 'rosa@cusco.test';
    await http
      .post(`/events/${event.body.id}/registrations`)
      .send({ name: 'Rosa', email, organisation: 'Org', organisationType: 'ngo', region: 'Cusco', countryCode: 'PE' })
      .expect(201);
    const rules = await http.get(`/events/${event.body.id}/reminder-rules`).set('Authorization', auth).expect(200);
    expect(rules.body.items.length).toBeGreaterThan(0);

    let asked = Date.now();
    await http
      .post(`/events/${event.body.id}/postpone`)
      .set('Authorization', auth)
      .send({ startsAt: `${day(31)}T09:00`, endsAt: `${day(31)}T17:00` })
      .expect(200);
    await waitForEml('the change notice', (text) => text.includes(email) && /^Subject: The event has new dates/m.test(text), 10_000);
    expect(Date.now() - asked).toBeLessThan(10_000);

    const announcement = await http
      .post(`/events/${event.body.id}/announcements`)
      .set('Authorization', auth)
      .send({ subject: 'Bring your badge', message: 'Badges are checked at the door.', audience: 'confirmed' })
      .expect(201);
    asked = Date.now();
    await http.post(`/events/${event.body.id}/announcements/${announcement.body.id}/send`).set('Authorization', auth).expect(202);
    await waitForEml('the announcement', (text) => text.includes(email) && text.includes('Bring your badge'), 10_000);
    expect(Date.now() - asked).toBeLessThan(10_000);
  });

  it('issues certificates in a background run and mails each person a link to their PDF, inside the embedded database', async () => {
    const http = request(await server!.url());
    const auth = `Bearer ${(await http.post('/auth/login').send({ email: 'admin@plenary.localhost', password: adminPassword }).expect(200)).body.token}`;
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const event = await http
      .post('/events')
      .set('Authorization', auth)
      .send({ title: 'Embedded certificates', timezone: 'Europe/Brussels', startsAt: `${start}T09:00`, endsAt: `${start}T17:00` })
      .expect(201);
    await http
      .put(`/events/${event.body.id}/certificates/settings`)
      .set('Authorization', auth)
      .send({ issueMode: 'on_check_in' })
      .expect(200);
    const email = 'ines@arequipa.test';
    const registered = await http
      .post(`/events/${event.body.id}/registrations`)
      .set('Authorization', auth)
      .send({ name: 'Inés', email, language: 'es' })
      .expect(201);
    await http
      .post(`/events/${event.body.id}/check-ins`)
      .set('Authorization', auth)
      .send({ registrationId: registered.body.id, day: start })
      .expect(201);
    const run = await http.post(`/events/${event.body.id}/certificates/runs`).set('Authorization', auth).expect(202);
    await waitFor(
      'the run to complete',
      async () => (await http.get(run.body.links.self).set('Authorization', auth)).body.status === 'completed',
    );
    const eml = await waitForEml('the certificate email', (text) => text.includes(email) && text.includes('/certificate.pdf'));
    const code = /plenary\.test\/c\/([A-Z2-7]{10})\/certificate\.pdf/.exec(eml)?.[1];
    const pdf = await bytes(http.get(`/c/${code}/certificate.pdf`))
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    expect(
      Buffer.from(pdf.body as Buffer)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('refuses a second process on the same data directory', async () => {
    const second = new PlenaryProcess(env).start();
    expect(await second.finished()).not.toBe(0);
    expect(second.text).toMatch(/is in use by process/);
  });

  it('stops on SIGTERM and starts again within 15 s with its data', async () => {
    expect(await server!.stop('SIGTERM')).toBe(0);
    const started = Date.now();
    server = new PlenaryProcess(env).start();
    const http = request(await server.url(15_000));
    await http.get('/health').expect(200);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(server.text).not.toMatch(/password: /);
    await http.post('/auth/login').send({ email: 'admin@plenary.localhost', password: adminPassword }).expect(200);
    await http.post('/auth/login').send({ email: 'lucia@piura.test', password: 'lucia-password-1' }).expect(200);
  });

  it('lets the shell CLI add an organiser while the server is stopped', async () => {
    expect(await server!.stop('SIGTERM')).toBe(0);
    const cli = new PlenaryProcess(env, 'dist/cli/plenary-cli.js', [
      'create-organiser',
      '--email',
      'Javier@Piura.test',
      '--name',
      'Javier',
      '--password',
      'javier-password-1',
    ]).start();
    expect(await cli.finished()).toBe(0);
    server = new PlenaryProcess(env).start();
    const http = request(await server.url(15_000));
    await http.post('/auth/login').send({ email: 'javier@piura.test', password: 'javier-password-1' }).expect(200);
  });
});
