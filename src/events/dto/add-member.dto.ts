import { z } from 'zod';

export const addMemberSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'expected an email address' })),
  role: z.enum(['owner', 'organiser'], { message: 'expected owner or organiser' }),
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;
