import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
}

/**
 * Validators for the schemas of a served OpenAPI document, compiled once each.
 * The document is registered whole, so `#/components/…` references resolve
 * against it as they do for any client.
 */
export class OpenApiSchemas {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...document, $id: 'openapi.json' });
  }

  operation(method: string, path: string): OpenApiOperation {
    const found = this.document.paths[path]?.[method.toLowerCase()];
    if (!found) throw new Error(`the document has no ${method.toUpperCase()} ${path}`);
    return found;
  }

  /** The validator of the schema at these keys of the document. */
  validatorAt(keys: string[]): ValidateFunction {
    const pointer = keys.map((key) => encodeURIComponent(key.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi.json#/${pointer}` });
      this.compiled.set(pointer, validate);
    }
    return validate;
  }

  requestBodyValidator(method: string, path: string, contentType = 'application/json'): ValidateFunction {
    if (!this.operation(method, path).requestBody?.content[contentType])
      throw new Error(`${method} ${path} documents no ${contentType} body`);
    return this.validatorAt(['paths', path, method.toLowerCase(), 'requestBody', 'content', contentType, 'schema']);
  }

  static errorsOf(validate: ValidateFunction): string {
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`).join('; ');
  }
}
