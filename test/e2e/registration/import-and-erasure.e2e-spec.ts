import { attendee, createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

describe('registration import and erasure', () => {
  const ctx = useTestApp({ PLENARY_ANONYMISE_AFTER_DAYS: '30' });
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  it('imports a CSV line by line, reporting each refused line and why', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { capacity: 2 });
    const csv = [
      'name,email,organisation,organisation_type,region,country_code',
      'Ignacio Tello,ignacio@ohiggins.test,Gobierno Regional,public_authority,O’Higgins,CL',
      '"Bereche, Javier",javier@piura.test,Cámara de Comercio,business,Piura,PE',
      'No Address,,Somewhere,ngo,Somewhere,BE',
      'Bad Country,bad@country.test,Org,ngo,Region,XX',
      'Ignacio Again,IGNACIO@ohiggins.test,Gobierno Regional,public_authority,O’Higgins,CL',
      'Third,third@region.test,Org,university_research,Gelderland,NL',
    ].join('\r\n');
    const report = await ctx.app.http
      .post(`/events/${event.id}/registrations/import?notify=false`)
      .set('Authorization', auth)
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(report.body.imported).toBe(3);
    expect(report.body.rejected).toEqual([
      { line: 4, email: null, errors: [expect.objectContaining({ field: 'email' })] },
      { line: 5, email: 'bad@country.test', errors: [expect.objectContaining({ field: 'countryCode' })] },
      {
        line: 6,
        email: 'IGNACIO@ohiggins.test',
        errors: [expect.objectContaining({ message: expect.stringMatching(/already registered/) })],
      },
    ]);
    const list = await ctx.app.http.get(`/events/${event.id}/registrations`).set('Authorization', auth).expect(200);
    expect(list.body.items.map((r: { name: string; status: string; source: string }) => [r.name, r.status, r.source])).toEqual([
      ['Ignacio Tello', 'confirmed', 'import'],
      ['Bereche, Javier', 'confirmed', 'import'],
      ['Third', 'waitlisted', 'import'],
    ]);
    expect(ctx.smtp.for('ignacio@ohiggins.test')).toHaveLength(0);
  });

  it('answers 415 to an import that is not CSV, and 400 to an unknown column', async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    await ctx.app.http.post(`/events/${event.id}/registrations/import`).set('Authorization', auth).send({ name: 'x' }).expect(415);
    const unknown = await ctx.app.http
      .post(`/events/${event.id}/registrations/import`)
      .set('Authorization', auth)
      .set('Content-Type', 'text/csv')
      .send('name,email,shoe_size\nA,a@x.test,42\n')
      .expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'shoe_size', message: 'is not a known column' }]);
  });

  it('erases a person on request, keeping the counts and revoking their link', async () => {
    const event = await createOpenEvent(ctx.app.http, auth);
    const body = attendee({ name: 'Marta Ruiz', region: 'Andalucía', countryCode: 'ES', organisationType: 'public_authority' });
    const created = await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    const [mail] = await ctx.smtp.waitForMail(body.email);
    const token = decodeURIComponent(/\/my-registration\?token=(\S+)/.exec(mail.text)![1]);

    await ctx.app.http.post(`/events/${event.id}/registrations/${created.body.id}/erase`).set('Authorization', auth).expect(204);
    const erased = await ctx.app.http.get(`/events/${event.id}/registrations/${created.body.id}`).set('Authorization', auth).expect(200);
    expect(erased.body).toMatchObject({
      name: 'Erased person',
      email: null,
      organisation: null,
      region: 'Andalucía',
      countryCode: 'ES',
      status: 'confirmed',
    });
    await ctx.app.http.get('/registrations/me').set('Authorization', `Bearer ${token}`).expect(401);
    const traces = await ctx.db.query(`SELECT 1 FROM emails WHERE to_address = $1 OR html LIKE '%Marta Ruiz%'`, [body.email]);
    expect(traces).toHaveLength(0);
  });

  it('erases the attendees of events that ended longer ago than PLENARY_ANONYMISE_AFTER_DAYS', async () => {
    const past = await ctx.app.http
      .post('/events')
      .set('Authorization', auth)
      .send({ title: 'IUC meeting 2019', timezone: 'Europe/Brussels', startsAt: '2019-10-08T09:00', endsAt: '2019-10-09T17:30' })
      .expect(201);
    const recent = await createOpenEvent(ctx.app.http, auth);
    const old = await ctx.app.http
      .post(`/events/${past.body.id}/registrations`)
      .set('Authorization', auth)
      .send({ name: 'Old Attendee', email: 'old@region.test', countryCode: 'CL' })
      .expect(201);
    const kept = await ctx.app.http
      .post(`/events/${recent.id}/registrations`)
      .set('Authorization', auth)
      .send({ name: 'Kept Attendee', email: 'kept@region.test' })
      .expect(201);
    await waitFor("the past event's attendee to be erased", async () => {
      const row = await ctx.app.http.get(`/events/${past.body.id}/registrations/${old.body.id}`).set('Authorization', auth).expect(200);
      return row.body.name === 'Erased person' ? row.body : null;
    });
    const current = await ctx.app.http.get(`/events/${recent.id}/registrations/${kept.body.id}`).set('Authorization', auth).expect(200);
    expect(current.body.name).toBe('Kept Attendee');
  });
});
