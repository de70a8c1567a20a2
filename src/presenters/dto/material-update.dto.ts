import { z } from 'zod';

export const materialUpdateSchema = z.strictObject({
  /** Public materials can be downloaded by anyone once the event is over. */
  public: z.boolean({ message: 'expected true or false' }),
});
export type MaterialUpdateInput = z.infer<typeof materialUpdateSchema>;
