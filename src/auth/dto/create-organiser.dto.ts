import { z } from 'zod';
import { passwordSchema } from './password.dto';

export const createOrganiserSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'expected an email address' })),
  name: z.string().trim().min(1, 'required').max(200),
  password: passwordSchema,
  isAdmin: z.boolean().default(false),
});
export type CreateOrganiserInput = z.infer<typeof createOrganiserSchema>;
