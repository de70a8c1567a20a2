import { Body, Query, applyDecorators } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe';

/** The OpenAPI description of a body, generated from the schema that validates it. */
export function ApiZodBody(schema: z.ZodType): MethodDecorator {
  return applyDecorators(ApiBody({ schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> }));
}

export const ZodBody = (schema: z.ZodType) => Body(new ZodValidationPipe(schema));

export const ZodQuery = (schema: z.ZodType) => Query(new ZodValidationPipe(schema, 'query string'));
