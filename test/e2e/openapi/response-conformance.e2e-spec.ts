import request, { Response } from 'supertest';
import { ResponseConformance } from '../../support/response-conformance';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/**
 * The hook every e2e suite's agent runs (test-app.ts): an answer that strays
 * from the document fails the test, naming the operation, the status and why.
 */
const ctx = useTestApp();
let conformance: ResponseConformance;
let events: Response;

beforeAll(async () => {
  // The bare agent: the wrapped one would stop at the first answer these tests tamper with.
  const http = request(ctx.app.plenary.url!);
  conformance = new ResponseConformance((await http.get('/docs-json').expect(200)).body);
  const auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  events = await http.get('/events').set('Authorization', auth).expect(200);
});

const altered = (changes: Partial<Response>): Response => ({ ...events, ...changes }) as Response;

it('passes an answer as documented', () => {
  expect(() => conformance.check('get', '/events?limit=5', events)).not.toThrow();
});

it('fails a body the schema refuses, naming the operation, the status and the schema error', () => {
  expect(() => conformance.check('get', '/events', altered({ body: { items: [{ id: 'not-an-id' }] } }))).toThrow(
    /^EventsController_list \(GET \/events\) answered 200 with a body the document's schema refuses: .*nextCursor/,
  );
});

it('fails a status the operation does not document', () => {
  expect(() => conformance.check('get', '/events', altered({ status: 302 }))).toThrow(
    /^EventsController_list \(GET \/events\) answered 302, which the document does not list/,
  );
});

it('fails a content type the operation does not document for its status', () => {
  expect(() => conformance.check('get', '/events', altered({ headers: { 'content-type': 'text/plain' } }))).toThrow(
    /answered 200 as text\/plain, which the document does not list for 200 \(application\/json\)/,
  );
});

it('checks errors against the shared problem schema', () => {
  expect(() =>
    conformance.check(
      'get',
      '/events',
      altered({ status: 404, headers: { 'content-type': 'application/problem+json' }, body: { title: 'x' } }),
    ),
  ).toThrow(/answered 404 with a body the document's schema refuses: .*must have required property 'type'/);
});

it('leaves out routes the document does not describe', () => {
  expect(() => conformance.check('get', '/e/some-event', altered({ status: 200, headers: { 'content-type': 'text/html' } }))).not.toThrow();
});
