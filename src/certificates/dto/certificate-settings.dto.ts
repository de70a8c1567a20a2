import { z } from 'zod';
import { optionalText } from '../../people/dto/person-fields';
import { ISSUE_MODES } from '../certificate.entity';

export const certificateSettingsSchema = z.strictObject({
  intro: optionalText(1000).describe("A line of the organisers' own printed above the certificate's statement."),
  signatoryName: optionalText(200),
  signatoryTitle: optionalText(200),
  issueMode: z
    .enum(ISSUE_MODES)
    .default('after_event')
    .describe('`after_event`: certificates exist once the event has ended; `on_check_in`: as soon as someone has checked in.'),
});
export type CertificateSettingsInput = z.infer<typeof certificateSettingsSchema>;

export const certificateListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  kind: z.enum(['attendance', 'presenter']).optional(),
});
export type CertificateListQuery = z.infer<typeof certificateListQuerySchema>;
