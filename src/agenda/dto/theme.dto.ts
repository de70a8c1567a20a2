import { z } from 'zod';

export const createThemeSchema = z.strictObject({
  name: z.string().trim().min(1, 'required').max(200),
  colour: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour such as #1f6feb')
    .nullish()
    .transform((v) => v?.toLowerCase() ?? null),
});
export type CreateThemeInput = z.infer<typeof createThemeSchema>;

export const updateThemeSchema = createThemeSchema.partial();
export type UpdateThemeInput = z.infer<typeof updateThemeSchema>;
