import { z } from 'zod';

/** What every error answer carries (RFC 9457), as ProblemDetailsFilter writes it. */
export const problemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem; `about:blank` when the status says it all.'),
    title: z.string().describe('The HTTP status text.'),
    status: z.number().int().describe('The HTTP status code.'),
    detail: z.string().describe('What went wrong, in terms the caller can act on.'),
    errors: z
      .array(
        z.object({
          field: z.string().describe('Path of the offending field, such as `presenters[0].email`; `(body)` for the whole body.'),
          message: z.string().describe('What is wrong with it.'),
        }),
      )
      .optional()
      .describe('The fields at fault, for validation errors.'),
  })
  .catchall(z.unknown())
  .describe('An error, as application/problem+json. Some problems add members (a conflict may name what it conflicts with).');
