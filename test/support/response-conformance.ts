import type { Response } from 'supertest';
import { OpenApiDocument, OpenApiSchemas } from './openapi-schemas';

interface Route {
  path: string;
  pattern: RegExp;
  literals: number;
}

/**
 * Checks an answer against what the OpenAPI document says the operation
 * answers for its status, in the manner of schemathesis' response-conformance
 * check: the status is documented (exactly or as a range), so is the content
 * type, and a JSON body validates against the documented schema. Routes the
 * document leaves out (pages, the queue dashboard, unknown paths) are not
 * checked.
 */
export class ResponseConformance {
  private readonly schemas: OpenApiSchemas;
  private readonly routes: Route[];

  constructor(document: OpenApiDocument) {
    this.schemas = new OpenApiSchemas(document);
    this.routes = Object.keys(document.paths)
      .map((path) => ({
        path,
        pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
        literals: path.split('/').filter((segment) => segment && !segment.startsWith('{')).length,
      }))
      .sort((a, b) => b.literals - a.literals);
  }

  /** Throws naming the operation, the status and what does not match. */
  check(method: string, url: string, response: Response): void {
    const verb = method.toLowerCase();
    if (verb === 'head') return;
    const pathname = new URL(url, 'http://plenary.test').pathname;
    const route = this.routes.find((r) => r.pattern.test(pathname) && this.schemas.document.paths[r.path][verb]);
    if (!route) return;
    const operation = this.schemas.operation(verb, route.path);
    const name = `${operation.operationId} (${method.toUpperCase()} ${route.path})`;
    const status = String(response.status);
    const statusKey = [status, `${status[0]}XX`, 'default'].find((key) => operation.responses[key]);
    if (!statusKey) {
      throw new Error(`${name} answered ${status}, which the document does not list (${Object.keys(operation.responses).join(', ')})`);
    }
    const content = operation.responses[statusKey].content;
    const mediaType = String(response.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    if (!mediaType || status === '204' || status === '304') return;
    const documented = [mediaType, `${mediaType.split('/')[0]}/*`, '*/*'].find((range) => content?.[range]);
    if (!documented) {
      throw new Error(
        `${name} answered ${status} as ${mediaType}, which the document does not list for ${statusKey} (${Object.keys(content ?? {}).join(', ') || 'no content'})`,
      );
    }
    if (documented !== mediaType || !/[/+]json$/.test(mediaType)) return;
    const validate = this.schemas.validatorAt(['paths', route.path, verb, 'responses', statusKey, 'content', documented, 'schema']);
    if (!validate(jsonBody(response))) {
      throw new Error(`${name} answered ${status} with a body the document's schema refuses: ${OpenApiSchemas.errorsOf(validate)}`);
    }
  }
}

/** Some tests read a body as text or bytes (their own parser); the check reads it as JSON all the same. */
function jsonBody(response: Response): unknown {
  const body: unknown = response.body;
  if (typeof body === 'string') return JSON.parse(body);
  if (Buffer.isBuffer(body)) return JSON.parse(body.toString('utf8'));
  return body;
}
