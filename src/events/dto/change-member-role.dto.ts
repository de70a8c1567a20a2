import { z } from 'zod';

export const changeMemberRoleSchema = z.strictObject({
  role: z.enum(['owner', 'organiser'], { message: 'expected owner or organiser' }),
});
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleSchema>;
