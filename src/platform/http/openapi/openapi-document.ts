import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { ACCESS } from '../route-access';
import { RATE_LIMITED } from '../rate-limit.guard';
import { DocumentedResponse, documentedQuery, documentedResponses } from './openapi-metadata';
import { problemSchema } from './problem.schema';
import { JsonSchema, jsonSchemaOf } from './zod-json-schema';

type Operation = {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema; description?: string }>;
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  security?: Array<Record<string, string[]>>;
};

interface Handler {
  method: Type;
  controller: Type;
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

const ERROR_MEANINGS: Record<string, string> = {
  '400': 'The request is malformed or invalid; `errors` names the fields.',
  '401': 'No, or no valid, bearer token.',
  '403': 'The caller is known but may not do this.',
  '404': 'Not found, or of an event the caller has no part in.',
  '429': 'Too many requests from this address this minute (RATE_LIMIT_PER_MINUTE).',
  '4XX':
    "Another client error: 409 a conflict, 412 a stale If-Match version, 413 too large, 415 an unaccepted type, 422 against a rule (outside the event's days, a DST gap).",
};

/**
 * The OpenAPI 3.1 document. Nest's scanner finds the routes; the rest comes
 * from the code that serves them, so the document cannot say otherwise: the
 * access rule the auth guard applies, the zod schemas that validate bodies and
 * query strings, and the zod schemas that answers are built to.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Plenary')
      .setDescription(
        'Event-planning workflow service: agendas, presenters, registrations, reminders and post-event reports. ' +
          "Errors are application/problem+json; lists are {items, nextCursor}; times carry the event's offset.",
      )
      .setVersion('0.1.0')
      .build(),
    { operationIdFactory: (controller, method) => `${controller}_${method}` },
  );
  const handlers = handlersByOperationId(app);
  const reflector = new Reflector();
  for (const pathItem of Object.values(document.paths)) {
    for (const [verb, value] of Object.entries(pathItem)) {
      if (!isOperation(verb)) continue;
      const operation = value as Operation;
      const handler = handlers.get(operation.operationId);
      if (!handler) throw new Error(`OpenAPI: no handler found for operation ${operation.operationId}`);
      describeOperation(app, operation, handler, reflector);
    }
  }
  return {
    ...document,
    openapi: '3.1.0',
    components: {
      ...document.components,
      schemas: { ...document.components?.schemas, Problem: jsonSchemaOf(problemSchema, 'output') },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            "An organiser's login token from POST /auth/login (`pls_…`), or the token of an emailed link (`plm_…`). Tokens are opaque.",
        },
      },
    },
  };
}

function describeOperation(app: INestApplication, operation: Operation, { method, controller }: Handler, reflector: Reflector): void {
  // Only `kind` matters here: every access but Public() needs the bearer token.
  const access = reflector.getAllAndOverride<{ kind: string } | undefined>(ACCESS, [method, controller]) ?? { kind: 'organiser' };
  const isPublic = access.kind === 'public';
  operation.security = isPublic ? [] : [{ bearer: [] }];

  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === 'path' && parameter.name.endsWith('Id')) parameter.schema = { type: 'string', format: 'uuid' };
  }
  const query = documentedQuery(method);
  if (query) operation.parameters = [...(operation.parameters ?? []).filter((p) => p.in !== 'query'), ...queryParameters(query)];

  const [defaultStatus] = Object.keys(operation.responses);
  const responses: Operation['responses'] = {};
  for (const response of documentedResponses(method)) {
    const status = String(response.status ?? defaultStatus);
    const entry = (responses[status] ??= { description: response.description });
    if (response.content) entry.content = { ...entry.content, [response.content.type]: { schema: schemaOf(app, response.content) } };
  }
  if (Object.keys(responses).length === 0) {
    responses[defaultStatus] = { description: defaultStatus === '204' ? 'Done; no content.' : 'Done.' };
  }
  const errors = ['4XX'];
  if (operation.requestBody || operation.parameters?.some((p) => p.in === 'query')) errors.push('400');
  if (!isPublic) errors.push('401', '403');
  if (operation.parameters?.some((p) => p.in === 'path')) errors.push('404');
  if (reflector.get<boolean | undefined>(RATE_LIMITED, method)) errors.push('429');
  for (const status of errors.sort()) {
    responses[status] = { description: ERROR_MEANINGS[status], content: { 'application/problem+json': { schema: PROBLEM_REF } } };
  }
  operation.responses = responses;
}

function schemaOf(app: INestApplication, content: NonNullable<DocumentedResponse['content']>): JsonSchema {
  if ('source' in content) return jsonSchemaOf(app.get(content.source, { strict: false }).responseSchema(), 'output');
  return content.schema instanceof z.ZodType ? jsonSchemaOf(content.schema, 'output') : content.schema;
}

function queryParameters(schema: z.ZodType): NonNullable<Operation['parameters']> {
  const json = jsonSchemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: 'query',
      required: json.required?.includes(name) ?? false,
      schema: rest,
      ...(typeof description === 'string' ? { description } : {}),
    };
  });
}

/** Every controller method, by the operation id the document gives it. */
function handlersByOperationId(app: INestApplication): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const method = controller.prototype[name] as Type;
        if (typeof method === 'function' && Reflect.getMetadata(METHOD_METADATA, method) !== undefined) {
          handlers.set(`${controller.name}_${name}`, { method, controller });
        }
      }
    }
  }
  return handlers;
}

const OPERATIONS = new Set(
  Object.keys(RequestMethod)
    .filter((k) => Number.isNaN(Number(k)))
    .map((k) => k.toLowerCase()),
);

function isOperation(key: string): boolean {
  return OPERATIONS.has(key);
}
