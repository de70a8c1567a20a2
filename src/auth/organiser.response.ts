import { z } from 'zod';
import { idField, utcTime } from '../platform/http/openapi/response-fields';

export const organiserResponse = z
  .object({
    id: idField,
    email: z.string(),
    name: z.string(),
    isAdmin: z.boolean(),
    hasPassword: z.boolean().describe('False until an invited organiser sets a password.'),
    createdAt: utcTime,
  })
  .describe('An organiser account.');

export const loginResponse = z.object({
  token: z.string().describe('Send as `Authorization: Bearer <token>`; opaque.'),
  expiresAt: utcTime,
});
