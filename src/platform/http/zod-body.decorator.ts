import { Body, Query, applyDecorators } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';
import { recordQuerySchema } from './openapi/openapi-metadata';
import { jsonSchemaOf } from './openapi/zod-json-schema';
import { ZodValidationPipe } from './zod-validation.pipe';

/** The OpenAPI description of a body, generated from the schema that validates it. */
export function ApiZodBody(schema: z.ZodType): MethodDecorator {
  return applyDecorators(ApiBody({ schema: jsonSchemaOf(schema, 'input') }));
}

export const ZodBody = (schema: z.ZodType) => Body(new ZodValidationPipe(schema));

/** Validates the query string, and documents its parameters from the same schema. */
export const ZodQuery =
  (schema: z.ZodType): ParameterDecorator =>
  (target, key, index) => {
    Query(new ZodValidationPipe(schema, 'query string'))(target, key, index);
    if (key !== undefined) recordQuerySchema((target as Record<PropertyKey, object>)[key], schema);
  };
