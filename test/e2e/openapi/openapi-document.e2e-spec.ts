import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redoclyMinimalErrors, swaggerParserErrors } from '../../support/openapi-validators';
import { useTestApp } from '../../support/use-test-app';

type Operation = {
  operationId: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
};

const ctx = useTestApp();
let document: { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> };
let dir: string;
let file: string;

beforeAll(async () => {
  document = (await ctx.app.http.get('/docs-json').expect(200)).body;
  dir = await mkdtemp(join(tmpdir(), 'plenary-openapi-'));
  file = join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(document));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

function operation(method: string, path: string): Operation {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`the document has no ${method.toUpperCase()} ${path}`);
  return found;
}

function allOperations(): Array<{ name: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );
}

it('is a valid OpenAPI 3.1 document', async () => {
  expect(document.openapi).toBe('3.1.0');
  expect(await swaggerParserErrors(file)).toBeNull();
});

it("passes Redocly's minimal ruleset without errors", async () => {
  expect(await redoclyMinimalErrors(file)).toEqual([]);
});

it('marks public operations as needing no token, and describes the token as opaque', () => {
  for (const [method, path] of [
    ['post', '/auth/login'],
    ['post', '/registrations/link'],
    ['post', '/events/{eventId}/registrations'],
    ['get', '/events/{eventId}/agenda'],
    ['get', '/health'],
  ]) {
    expect({ [`${method} ${path}`]: operation(method, path).security }).toEqual({ [`${method} ${path}`]: [] });
  }
  for (const [method, path] of [
    ['get', '/events'],
    ['get', '/registrations/me'],
    ['post', '/organisers'],
  ]) {
    expect(operation(method, path).security).toEqual([{ bearer: [] }]);
  }
  expect(document.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  expect(document.components.securitySchemes.bearer).not.toHaveProperty('bearerFormat');
});

it('documents paging and filter query parameters from the schemas that validate them', () => {
  const names = (method: string, path: string) =>
    (operation(method, path).parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  expect(names('get', '/events')).toEqual(expect.arrayContaining(['limit', 'cursor']));
  expect(names('get', '/events/{eventId}/registrations')).toEqual(
    expect.arrayContaining(['limit', 'cursor', 'status', 'q', 'countryCode', 'organisationType', 'checkedInOn']),
  );
  expect(names('get', '/events/{eventId}/check-ins')).toEqual(['day']);
  expect(names('post', '/events/{eventId}/registrations/import')).toEqual(['notify']);
});

it('documents the CSV import body', () => {
  expect(operation('post', '/events/{eventId}/registrations/import').requestBody?.content['text/csv'].schema).toEqual(
    expect.objectContaining({ type: 'string' }),
  );
});

it('documents the success answer of every operation with a content type and a schema', () => {
  const lacking = allOperations()
    .filter(({ operation }) => {
      const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      return (
        successes.length === 0 ||
        successes.some(([status, r]) => status !== '204' && !Object.values(r.content ?? {}).some((media) => media.schema !== undefined))
      );
    })
    .map(({ name }) => name);
  expect(lacking).toEqual([]);
});

it('documents the client errors of every operation as problem+json', () => {
  const problem = { $ref: '#/components/schemas/Problem' };
  const lacking = allOperations()
    .filter(({ operation }) => {
      const errors = Object.entries(operation.responses).filter(([status]) => status.startsWith('4'));
      return (
        errors.length === 0 ||
        errors.some(([, r]) => JSON.stringify(r.content?.['application/problem+json']?.schema) !== JSON.stringify(problem))
      );
    })
    .map(({ name }) => name);
  expect(lacking).toEqual([]);
  expect(document.components.schemas.Problem).toEqual(expect.objectContaining({ required: ['type', 'title', 'status', 'detail'] }));
});

it("documents each section the modules above registration add to the attendee's data download, with its own schema", () => {
  const schema = operation('get', '/registrations/me/data').responses['200'].content?.['application/json'].schema as {
    properties: Record<string, { type?: unknown; anyOf?: unknown[]; items?: { properties?: Record<string, unknown> } }>;
    required: string[];
    additionalProperties: boolean;
  };
  expect([...schema.required].sort()).toEqual([
    'certificates',
    'emails',
    'event',
    'exportedAt',
    'registration',
    'surveyAnswers',
    'visaLetter',
  ]);
  expect(schema.additionalProperties).toBe(false);
  const letter = schema.properties.visaLetter.anyOf as Array<{ type: string; properties?: Record<string, unknown> }>;
  expect(letter.map((s) => s.type).sort()).toEqual(['null', 'object']);
  expect(Object.keys(letter.find((s) => s.type === 'object')!.properties!)).toEqual(
    expect.arrayContaining(['status', 'passportName', 'passportNumber', 'reference', 'rejectionReason', 'revocationReason']),
  );
  expect(Object.keys(schema.properties.surveyAnswers.items!.properties!)).toEqual(['surveyId', 'title', 'submittedAt', 'answers']);
  expect(Object.keys(schema.properties.certificates.items!.properties!)).toEqual(expect.arrayContaining(['kind', 'days', 'code', 'links']));
});
