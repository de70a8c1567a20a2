import { z } from 'zod';
import { personFields } from './person-fields';

export const updatePersonSchema = z.strictObject(personFields).partial();
export type UpdatePersonInput = z.infer<typeof updatePersonSchema>;
