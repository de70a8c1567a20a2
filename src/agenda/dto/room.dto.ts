import { z } from 'zod';

export const createRoomSchema = z.strictObject({
  name: z.string().trim().min(1, 'required').max(200),
  capacity: z
    .number()
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .max(1_000_000)
    .nullish()
    .transform((v) => v ?? null),
});
export type CreateRoomInput = z.infer<typeof createRoomSchema>;

export const updateRoomSchema = createRoomSchema.partial();
export type UpdateRoomInput = z.infer<typeof updateRoomSchema>;
