import { z } from 'zod';

export const MATERIALS_FILTERS = ['missing', 'submitted', 'all'] as const;
export type MaterialsFilter = (typeof MATERIALS_FILTERS)[number];

export const materialsOverviewQuerySchema = z.object({
  /** Absent: the request is the agenda's plain list, not this one. */
  materials: z.enum(MATERIALS_FILTERS, { message: 'expected missing, submitted or all' }).optional(),
  sessionId: z.uuid({ message: 'expected an id' }).optional(),
});
export type MaterialsOverviewQuery = z.infer<typeof materialsOverviewQuerySchema>;
