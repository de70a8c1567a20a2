import { z } from 'zod';
import { BIOGRAPHY_MAX_LENGTH } from '../../people/person.entity';

/**
 * A presenter's short biography, plain text as typed (pages escape it); a
 * blank one is cleared, so `null` and `""` mean the same.
 */
export const biographySchema = z.strictObject({
  biography: z
    .string()
    .trim()
    .max(BIOGRAPHY_MAX_LENGTH, `at most ${BIOGRAPHY_MAX_LENGTH} characters`)
    .nullable()
    // Forms send line breaks as CRLF; stored as LF, so every export sees the same text.
    .transform((text) => (text ? text.replace(/\r\n?/g, '\n') : null)),
});
export type BiographyInput = z.infer<typeof biographySchema>;
