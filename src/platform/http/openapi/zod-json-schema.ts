import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (2020-12, as OpenAPI 3.1 embeds it) of a zod schema: `input`
 * for what a request may send, `output` for what a response carries. Two rules
 * zod's output leaves out are added here because every DTO relies on them:
 * a trimmed string with a minimum length must hold a non-blank character, and
 * a string piped into a format (`.trim().pipe(z.email())`) carries that format.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const def = zodSchema._zod.def;
      if (def.type === 'string' && trims(zodSchema) && Number(jsonSchema.minLength) > 0) {
        addPattern(jsonSchema as JsonSchema, '\\S');
      }
      if (io === 'input' && def.type === 'pipe' && jsonSchema.type === 'string') {
        const { in: from, out: to } = def;
        if (from._zod.def.type === 'string' && to._zod.def.type === 'string') {
          const target = z.toJSONSchema(to, { io, unrepresentable: 'any' });
          if (target.format) jsonSchema.format = target.format;
          if (typeof target.pattern === 'string') addPattern(jsonSchema as JsonSchema, target.pattern);
        }
      }
    },
  });
  return json;
}

/** `.trim()` is an overwrite check; calling it on padded text tells it from `.toLowerCase()`. */
function trims(schema: z.core.$ZodType): boolean {
  return (schema._zod.def.checks ?? []).some((check) => {
    const def = check._zod.def as { check: string; tx?: (value: string) => string };
    return def.check === 'overwrite' && def.tx?.(' x ') === 'x';
  });
}

/** A second pattern joins the first under allOf, since a schema holds one `pattern`. */
function addPattern(schema: JsonSchema, pattern: string): void {
  if (typeof schema.pattern !== 'string') {
    schema.pattern = pattern;
    return;
  }
  if (schema.pattern === pattern) return;
  schema.allOf = [...((schema.allOf as JsonSchema[] | undefined) ?? []), { pattern }];
}
