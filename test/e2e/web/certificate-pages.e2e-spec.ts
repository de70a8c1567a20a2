import request from 'supertest';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { dashboardAgent } from '../../support/dashboard-agent';
import { logInTo } from '../../support/dashboard-login';
import { attendee, createOpenEvent, daysFromNow } from '../../support/future-event';
import { pdfText } from '../../support/pdf-text';
import { bytes } from '../../support/response-bytes';
import { invitePresenters } from '../../support/presenter-invitations';
import { registrationTokenIn } from '../../support/registration-link';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

/** The certificates page of the dashboard, and the download links on the attendee's and the presenter's pages. */
describe('certificate pages', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  let event: Awaited<ReturnType<typeof createOpenEvent>>;
  let presentationId: string;
  const person = attendee({ name: 'Lucía Ramos', language: 'es' });
  const presenter = { ...attendee({ name: 'Jan de Vries' }), role: 'lead' };
  const base = () => `/dashboard/events/${event.id}/certificates`;

  /** A browser that opened an emailed link: its token now a cookie. */
  async function visitor(entry: string) {
    const agent = request.agent(ctx.app.plenary.url as string);
    await agent.get(entry).redirects(1).expect(200);
    return agent;
  }

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const registered = await ctx.app.http.post(`/events/${event.id}/registrations`).set('Authorization', auth).send(person).expect(201);
    await ctx.app.http
      .post(`/events/${event.id}/check-ins`)
      .set('Authorization', auth)
      .send({ registrationId: registered.body.id, day: event.days[1] })
      .expect(201);
    const session = await ctx.app.http
      .post(`/events/${event.id}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Ports', kind: 'presentations', startsAt: daysFromNow(31, '10:00'), endsAt: daysFromNow(31, '11:00') })
      .expect(201);
    presentationId = (
      await ctx.app.http
        .post(`/events/${event.id}/presentations`)
        .set('Authorization', auth)
        .send({ title: 'Ports of Flanders', sessionId: session.body.id, presenters: [presenter] })
        .expect(201)
    ).body.id;
    await ctx.app.http.post(`/events/${event.id}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);
  });

  it('lets organisers set what certificates say, send them all and watch the run reach its total', async () => {
    const organiser = await dashboardAgent(ctx.app.plenary.url as string, ADMIN.email, ADMIN.password);
    const page = await organiser.get(base()).expect(200);
    expect(page.text).toContain('Send all certificates');
    expect(page.text).toContain('No certificate has been issued yet.');

    const early = await organiser.post(`${base()}/runs`, {}).expect(422);
    expect(early.text).toContain('Certificates are issued once the event has ended');

    const refused = await organiser.post(`${base()}/settings`, { signatoryName: 'x'.repeat(201), issueMode: 'on_check_in' }).expect(400);
    expect(refused.text).toMatch(/id="f-signatoryName-error"/);
    await organiser
      .post(`${base()}/settings`, { intro: '', signatoryName: 'Marie Dubois', signatoryTitle: 'Head of Unit', issueMode: 'on_check_in' })
      .expect(303)
      .expect('Location', `${base()}?saved=1`);
    const saved = await organiser.get(`${base()}?saved=1`).expect(200);
    expect(saved.text).toContain('value="Marie Dubois"');
    expect(saved.text).toMatch(/value="on_check_in" checked/);

    const sent = await organiser.post(`${base()}/runs`, {}).expect(303);
    const runPage = await organiser.get(sent.headers.location as string).expect(200);
    expect(runPage.text).toContain('<progress id="report-progress" max="100"');
    const status = await waitFor('the run to complete', async () => {
      const state = await organiser.get(`${sent.headers.location as string}/status.json`).expect(200);
      return state.body.status === 'completed' ? state.body : null;
    });
    expect(status).toMatchObject({ progress: 100, done: 2, total: 2, text: 'Done: 2 certificates issued, 2 emails written.' });
    const list = await organiser.get(base()).expect(200);
    expect(list.text).toContain('Lucía Ramos');
    expect(list.text).toContain(`attendance: ${event.days[1]}`);
    expect(list.text).toContain('presenting: Ports of Flanders');

    const other = `other-${Date.now()}@organisers.test`;
    await ctx.app.http
      .post('/organisers')
      .set('Authorization', auth)
      .send({ email: other, name: 'Other', password: 'other-password-1' })
      .expect(201);
    const outsider = await dashboardAgent(ctx.app.plenary.url as string, other, 'other-password-1');
    await outsider.get(base()).expect(404);
    await outsider.get(sent.headers.location as string).expect(404);
    await outsider.post(`${base()}/runs`, {}).expect(404);
  });

  it('offers the attendee their certificate on their registration page, in their language', async () => {
    const [mail] = await ctx.smtp.waitForMail(person.email);
    const agent = await visitor(`/my-registration?token=${encodeURIComponent(registrationTokenIn(mail.text))}`);
    const page = await agent.get('/my-registration').expect(200);
    expect(page.text).toContain('href="/my-registration/certificate.pdf"');
    expect(page.text).toContain('Descargar su certificado de asistencia (PDF)');
    const pdf = await bytes(agent.get('/my-registration/certificate.pdf')).expect(200).expect('Content-Type', 'application/pdf');
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('Lucía Ramos');
    expect(text).toContain('Marie Dubois');
  });

  it('offers the presenter the certificate of their presentation on the portal', async () => {
    const tokens = await invitePresenters(ctx, auth, presentationId);
    const agent = await visitor(`/presenter?token=${encodeURIComponent(tokens[presenter.email])}`);
    const page = await agent.get('/presenter').expect(200);
    expect(page.text).toContain(`href="/presenter/presentations/${presentationId}/certificate.pdf"`);
    const pdf = await bytes(agent.get(`/presenter/presentations/${presentationId}/certificate.pdf`)).expect(200);
    expect(await pdfText(pdf.body as Buffer)).toContain('Ports of Flanders');
    await agent.get(`/presenter/presentations/${event.id}/certificate.pdf`).expect(404);
  });

  it("shows the verification page and a run's progress in a browser without serious accessibility problems", async () => {
    const base = ctx.app.plenary.url as string;
    const issued = await ctx.app.http.get(`/events/${event.id}/certificates?kind=attendance`).set('Authorization', auth).expect(200);
    const visitor = await browsers.newContext({ locale: 'fr-FR' });
    const page = await visitor.newPage();
    await page.goto(`${base}/c/${issued.body.items[0].code}`);
    expect(await page.locator('h1').textContent()).toBe('Certificado de asistencia');
    expect(await page.locator('[role="status"]').textContent()).toBe('Certificado válido');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'certificate-verification');

    const runs = await ctx.app.http.get(`/events/${event.id}/certificates/runs`).set('Authorization', auth).expect(200);
    const organiser = await browsers.newContext();
    const tab = await logInTo(
      organiser,
      base,
      ADMIN.email,
      ADMIN.password,
      `/dashboard/events/${event.id}/certificates/runs/${runs.body.items[0].id}`,
    );
    expect(await tab.locator('#report-progress').getAttribute('value')).toBe('100');
    expect(await tab.locator('#report-status').textContent()).toBe('Done: 2 certificates issued, 2 emails written.');
    expect(await seriousA11yViolations(tab)).toEqual([]);
    await screenshot(tab, 'certificate-run');
    await tab.goto(`${base}/dashboard/events/${event.id}/certificates`);
    expect(await seriousA11yViolations(tab)).toEqual([]);
    await screenshot(tab, 'certificates-dashboard');
    await visitor.close();
    await organiser.close();
  });
});
