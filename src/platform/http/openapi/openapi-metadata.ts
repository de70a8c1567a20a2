import { z } from 'zod';
import { JsonSchema } from './zod-json-schema';

export const OPENAPI_RESPONSES = 'plenary:openapi-responses';
export const OPENAPI_QUERY = 'plenary:openapi-query';

/** A success answer as the document states it; the status defaults to the route's own. */
export interface DocumentedResponse {
  contentType: string;
  schema: z.ZodType | JsonSchema;
  description: string;
  status?: number;
}

export function documentedResponses(handler: object): DocumentedResponse[] {
  return (Reflect.getMetadata(OPENAPI_RESPONSES, handler) as DocumentedResponse[] | undefined) ?? [];
}

export function documentedQuery(handler: object): z.ZodType | undefined {
  return Reflect.getMetadata(OPENAPI_QUERY, handler) as z.ZodType | undefined;
}

const addResponse =
  (response: DocumentedResponse): MethodDecorator =>
  (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    Reflect.defineMetadata(OPENAPI_RESPONSES, [response, ...documentedResponses(handler)], handler);
  };

/** Documents a JSON answer by the zod schema its body is built to. */
export const ApiZodResponse = (schema: z.ZodType, description: string, status?: number): MethodDecorator =>
  addResponse({ contentType: 'application/json', schema, description, status });

/** Documents a file or text answer (calendar, CSV, HTML, a download). */
export const ApiFileResponse = (contentType: string, description: string, status?: number): MethodDecorator =>
  addResponse({ contentType, schema: { type: 'string', contentMediaType: contentType }, description, status });

export function recordQuerySchema(handler: object, schema: z.ZodType): void {
  Reflect.defineMetadata(OPENAPI_QUERY, schema, handler);
}
