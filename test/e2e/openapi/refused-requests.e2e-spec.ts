import { createOpenEvent, attendee, daysFromNow } from '../../support/future-event';
import { OpenApiSchemas } from '../../support/openapi-schemas';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/**
 * Requests the server refuses for a rule of its zod schemas must be invalid by
 * the document too, or clients built from the document send them. Each case is
 * sent to the server (which must refuse it) and checked against the documented
 * request schema (which must reject it).
 */
const ctx = useTestApp();
let auth: string;
let schemas: OpenApiSchemas;
let ids: { eventId: string; ruleId: string; sessionId: string; presentationId: string };

beforeAll(async () => {
  auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  schemas = new OpenApiSchemas((await ctx.app.http.get('/docs-json').expect(200)).body);
  const event = await createOpenEvent(ctx.app.http, auth);
  const rules = await ctx.app.http.get(`/events/${event.id}/reminder-rules`).set('Authorization', auth).expect(200);
  const session = await ctx.app.http
    .post(`/events/${event.id}/sessions`)
    .set('Authorization', auth)
    .send({ title: 'Opening', kind: 'keynote', startsAt: daysFromNow(30, '09:00'), endsAt: daysFromNow(30, '10:00') })
    .expect(201);
  const presentation = await ctx.app.http
    .post(`/events/${event.id}/presentations`)
    .set('Authorization', auth)
    .send({ title: 'Joint results', sessionId: session.body.id })
    .expect(201);
  ids = { eventId: event.id, ruleId: rules.body.items[0].id, sessionId: session.body.id, presentationId: presentation.body.id };
});

const event = { title: 'A meeting', timezone: 'Europe/Brussels', startsAt: '2030-10-08T09:00', endsAt: '2030-10-09T17:00' };
const lead = (name: string) => ({ name, email: `${name}@region.test`, role: 'lead' });

type Case = [
  name: string,
  method: 'post' | 'patch' | 'put',
  path: string,
  body: (id: typeof ids) => Record<string, unknown>,
  token?: boolean,
];

const cases: Case[] = [
  ['registration with an empty email', 'post', '/events/{eventId}/registrations', () => attendee({ email: '' }), false],
  ['registration with a blank name', 'post', '/events/{eventId}/registrations', () => attendee({ name: '   ' }), false],
  ['registration with an unknown country code', 'post', '/events/{eventId}/registrations', () => attendee({ countryCode: 'XX' }), false],
  ['registration with a blank region', 'post', '/events/{eventId}/registrations', () => attendee({ region: ' ' }), false],
  ['login with an empty email', 'post', '/auth/login', () => ({ email: '', password: 'whatever-it-is' }), false],
  ['password reset for an empty email', 'post', '/auth/password-reset', () => ({ email: '' }), false],
  ['link request for an empty email', 'post', '/registrations/link', (id) => ({ eventId: id.eventId, email: '' }), false],
  ['organiser with an empty email', 'post', '/organisers', () => ({ email: '', name: 'Clara', password: 'clara-password-1' })],
  ['member with an empty email', 'post', '/events/{eventId}/members', () => ({ email: '', role: 'organiser' })],
  ['person with an empty email', 'post', '/events/{eventId}/people', () => ({ name: 'Ana', email: '' })],
  ['event with an empty time zone', 'post', '/events', () => ({ ...event, timezone: '' })],
  ['event with a blank title', 'post', '/events', () => ({ ...event, title: '  ' })],
  [
    'event with a co-organiser whose link is not http(s)',
    'post',
    '/events',
    () => ({ ...event, coOrganisers: [{ name: 'JRC', url: 'ftp://jrc.test' }] }),
  ],
  ['event change to an empty time zone', 'patch', '/events/{eventId}', () => ({ timezone: '' })],
  ['choice question without options', 'post', '/events/{eventId}/questions', () => ({ key: 'diet', label: 'Diet', type: 'choice' })],
  [
    'multiple-choice question with one option',
    'post',
    '/events/{eventId}/questions',
    () => ({ key: 'visits', label: 'Visits', type: 'multi_choice', options: ['Port'] }),
  ],
  [
    'fixed reminder without fixedAt',
    'post',
    '/events/{eventId}/reminder-rules',
    () => ({ name: 'Note', anchor: 'fixed', audience: 'confirmed' }),
  ],
  [
    'reminder with fixedAt but another anchor',
    'post',
    '/events/{eventId}/reminder-rules',
    () => ({ name: 'Note', anchor: 'event_start', audience: 'confirmed', fixedAt: '2030-10-01T09:00' }),
  ],
  ['reminder changed to fixed without fixedAt', 'patch', '/events/{eventId}/reminder-rules/{ruleId}', () => ({ anchor: 'fixed' })],
  ['check-in naming nobody', 'post', '/events/{eventId}/check-ins', () => ({})],
  [
    'check-in naming both a registration and a code',
    'post',
    '/events/{eventId}/check-ins',
    (id) => ({ registrationId: id.eventId, code: 'ABCD-1234' }),
  ],
  [
    'presentation with two leads',
    'post',
    '/events/{eventId}/presentations',
    () => ({ title: 'Results', presenters: [lead('ana'), lead('joao')] }),
  ],
  [
    'presentation change to two leads',
    'patch',
    '/events/{eventId}/presentations/{presentationId}',
    () => ({ presenters: [lead('ana'), lead('joao')] }),
  ],
  [
    'presentation order listing one twice',
    'put',
    '/events/{eventId}/sessions/{sessionId}/presentations/order',
    (id) => ({ presentationIds: [id.presentationId, id.presentationId] }),
  ],
  ['theme with a blank name', 'post', '/events/{eventId}/themes', () => ({ name: ' ' })],
  ['room with a blank name', 'post', '/events/{eventId}/rooms', () => ({ name: ' ' })],
  [
    'session with a blank title',
    'post',
    '/events/{eventId}/sessions',
    () => ({ title: ' ', kind: 'keynote', startsAt: '2030-10-08T09:00', endsAt: '2030-10-08T10:00' }),
  ],
  [
    'announcement with a blank subject',
    'post',
    '/events/{eventId}/announcements',
    () => ({ subject: ' ', message: 'Hello', audience: 'confirmed' }),
  ],
  ['outcome with a blank label', 'post', '/events/{eventId}/outcomes', () => ({ label: ' ', value: 40 })],
];

it.each(cases)('%s is refused by the server and invalid by the document', async (_name, method, path, body, token = true) => {
  const url = path.replace(/\{(\w+)\}/g, (_, key: keyof typeof ids) => ids[key]);
  const request = ctx.app.http[method](url).send(body(ids));
  const response = await (token ? request.set('Authorization', auth) : request);
  expect(response.status).toBe(400);
  const validate = schemas.requestBodyValidator(method, path);
  expect(validate(body(ids))).toBe(false);
});

it('finds the requests the server accepts valid by the document', async () => {
  const accepted: Array<[method: 'post', path: string, body: Record<string, unknown>]> = [
    ['post', '/events/{eventId}/registrations', attendee({ countryCode: ' cl ' })],
    ['post', '/events', { ...event, timezone: 'europe/brussels', coOrganisers: [{ name: 'JRC', url: 'https://jrc.test' }] }],
    ['post', '/events/{eventId}/questions', { key: 'diet', label: 'Diet', type: 'choice', options: ['Vegetarian', 'Any'] }],
    ['post', '/events/{eventId}/reminder-rules', { name: 'Note', anchor: 'fixed', audience: 'confirmed', fixedAt: '2030-10-01T09:00' }],
    [
      'post',
      '/events/{eventId}/reminder-rules',
      { name: 'Day before', anchor: 'event_start', audience: 'confirmed', offsetMinutes: -1440 },
    ],
  ];
  for (const [method, path, body] of accepted) {
    const validate = schemas.requestBodyValidator(method, path);
    expect({ path, valid: validate(body), errors: OpenApiSchemas.errorsOf(validate) }).toEqual({ path, valid: true, errors: '' });
  }
});
