import type { Type } from '@nestjs/common';
import { z } from 'zod';
import { JsonSchema } from './zod-json-schema';

export const OPENAPI_RESPONSES = 'plenary:openapi-responses';
export const OPENAPI_QUERY = 'plenary:openapi-query';

/** A success answer as the document states it; the status defaults to the route's own. */
export interface DocumentedResponse {
  description: string;
  status?: number;
  /** Absent for an answer without a body. */
  content?: { type: string; schema: z.ZodType | JsonSchema } | { type: string; source: Type<ResponseSchemaSource> };
}

/**
 * A provider whose answer's schema is whole only once the app has started: modules above it
 * register their parts at boot, so the document asks the provider rather than a constant.
 */
export interface ResponseSchemaSource {
  responseSchema(): z.ZodType;
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
  addResponse({ content: { type: 'application/json', schema }, description, status });

/** Documents a JSON answer by the zod schema a provider assembles at boot (`ResponseSchemaSource`). */
export const ApiZodResponseFrom = (source: Type<ResponseSchemaSource>, description: string, status?: number): MethodDecorator =>
  addResponse({ content: { type: 'application/json', source }, description, status });

/** Documents a file or text answer (calendar, CSV, HTML, a download). */
export const ApiFileResponse = (contentType: string, description: string, status?: number): MethodDecorator =>
  addResponse({ content: { type: contentType, schema: { type: 'string', contentMediaType: contentType } }, description, status });

/** Documents an answer without a body, such as 304 Not Modified. */
export const ApiEmptyResponse = (status: number, description: string): MethodDecorator => addResponse({ description, status });

export function recordQuerySchema(handler: object, schema: z.ZodType): void {
  Reflect.defineMetadata(OPENAPI_QUERY, schema, handler);
}
