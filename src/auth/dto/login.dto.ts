import { z } from 'zod';

export const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'expected an email address' })),
  password: z.string().min(1, 'required').max(1000),
});
export type LoginInput = z.infer<typeof loginSchema>;
