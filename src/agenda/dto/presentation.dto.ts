import { z } from 'zod';
import { INT4_MAX } from '../../platform/database/int4';
import { personFields } from '../../people/dto/person-fields';
import { PRESENTATION_SECTIONS, PRESENTATION_STATUSES, SECTION_MAX_LENGTH } from '../presentation.entity';

const id = z.uuid({ message: 'expected an id' });
const position = z.number().int('expected a whole number').min(1, 'positions start at 1').max(INT4_MAX, `expected at most ${INT4_MAX}`);

/** A presenter is an existing person of the event, or one described inline (matched by email). */
const presenterSchema = z.union(
  [
    z.strictObject({ personId: id, role: z.enum(['lead', 'co']).optional() }),
    z.strictObject({
      name: personFields.name,
      email: personFields.email,
      organisation: personFields.organisation,
      organisationType: personFields.organisationType,
      region: personFields.region,
      countryCode: personFields.countryCode,
      title: personFields.title,
      language: personFields.language,
      role: z.enum(['lead', 'co']).optional(),
    }),
  ],
  { message: 'expected {personId} or {name, email, organisation, region, countryCode}' },
);
export type PresenterInput = z.infer<typeof presenterSchema>;

const presenters = z
  .array(presenterSchema)
  .max(20, 'at most 20 presenters')
  .refine((list) => list.filter((p) => p.role === 'lead').length <= 1, 'only one presenter can be the lead')
  .meta({
    contains: { type: 'object', required: ['role'], properties: { role: { const: 'lead' } } },
    minContains: 0,
    maxContains: 1,
    description: 'In order; at most one has the role `lead`.',
  });

const section = z.string().max(SECTION_MAX_LENGTH, `at most ${SECTION_MAX_LENGTH} characters`).nullable();
const sections = Object.fromEntries(PRESENTATION_SECTIONS.map((name) => [name, section.optional()])) as Record<
  (typeof PRESENTATION_SECTIONS)[number],
  z.ZodOptional<typeof section>
>;

export const createPresentationSchema = z.strictObject({
  title: z.string().trim().min(1, 'required').max(300, 'at most 300 characters'),
  abstract: z.string().max(10_000, 'at most 10000 characters').default(''),
  sessionId: id.nullish(),
  themeId: id.nullish(),
  position: position.optional(),
  status: z.enum(PRESENTATION_STATUSES).default('draft'),
  presenters: presenters.default([]),
  ...sections,
});
export type CreatePresentationInput = z.infer<typeof createPresentationSchema>;

export const updatePresentationSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'required').max(300, 'at most 300 characters'),
    abstract: z.string().max(10_000, 'at most 10000 characters'),
    sessionId: id.nullable(),
    themeId: id.nullable(),
    position,
    status: z.enum(PRESENTATION_STATUSES),
    presenters,
    ...sections,
  })
  .partial();
export type UpdatePresentationInput = z.infer<typeof updatePresentationSchema>;

export const reorderSchema = z.strictObject({
  presentationIds: z
    .array(id)
    .max(200)
    .refine((list) => new Set(list).size === list.length, 'an id is listed twice')
    .meta({ uniqueItems: true }),
});
export type ReorderInput = z.infer<typeof reorderSchema>;
