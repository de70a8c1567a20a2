import { z } from 'zod';

export const passwordSchema = z.string().min(10, 'expected at least 10 characters').max(200, 'expected at most 200 characters');

export const requestPasswordResetSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'expected an email address' })),
});
export type RequestPasswordResetInput = z.infer<typeof requestPasswordResetSchema>;

export const setPasswordSchema = z.object({
  token: z.string().min(10, 'expected the token from the emailed link').max(200),
  password: passwordSchema,
});
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;
