import { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { FieldError, Problem } from './problem';
import './zod-messages';

/** `presenters[0].email` style paths, as the contract promises. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) =>
    // An unknown key is the field at fault itself, not its parent object.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: 'is not a known field' }))
      : [{ field: fieldPath(issue.path) || '(body)', message: issue.message }],
  );
}

export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly what = 'request body',
  ) {}

  transform(value: unknown): z.infer<S> {
    const parsed = this.schema.safeParse(value ?? {});
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      throw Problem.badRequest(`The ${this.what} is invalid: ${errors.map((e) => e.field).join(', ')}`, errors);
    }
    return parsed.data;
  }
}
