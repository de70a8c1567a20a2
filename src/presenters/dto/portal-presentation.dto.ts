import { z } from 'zod';
import { PRESENTATION_SECTIONS, SECTION_MAX_LENGTH } from '../../agenda/presentation.entity';

const section = z.string().max(SECTION_MAX_LENGTH, `at most ${SECTION_MAX_LENGTH} characters`).nullable();
const sectionFields = Object.fromEntries(PRESENTATION_SECTIONS.map((name) => [name, section.optional()])) as Record<
  (typeof PRESENTATION_SECTIONS)[number],
  z.ZodOptional<typeof section>
>;

/**
 * What presenters may change: title, abstract and the structured sections.
 * Sections come nested, as GET /me/presentations shows them, or flat, as the
 * organisers' PATCH takes them; not the same one both ways.
 */
export const portalPresentationSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'required').max(300, 'at most 300 characters'),
    abstract: z.string().max(10_000, 'at most 10000 characters'),
    sections: z.strictObject(sectionFields).partial(),
    ...sectionFields,
  })
  .partial()
  .meta({
    allOf: PRESENTATION_SECTIONS.map((name) => ({
      not: { required: [name, 'sections'], properties: { sections: { required: [name] } } },
    })),
    description: 'What a presenter may change. A section is given flat or inside `sections`, not both.',
  })
  .superRefine((input, context) => {
    for (const name of PRESENTATION_SECTIONS) {
      if (input[name] !== undefined && input.sections?.[name] !== undefined) {
        context.addIssue({ code: 'custom', path: [name], message: `given both as ${name} and as sections.${name}` });
      }
    }
  })
  .transform(({ sections, ...rest }) => ({ ...rest, ...sections }));
export type PortalPresentationInput = z.infer<typeof portalPresentationSchema>;

export const declineSchema = z.strictObject({
  reason: z.string().trim().max(2000, 'at most 2000 characters').optional(),
});
export type DeclineInput = z.infer<typeof declineSchema>;
