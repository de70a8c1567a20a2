import { z } from 'zod';
import { REMINDER_AUDIENCES } from '../reminder-rule.entity';

/** Whom an announcement goes to: a reminder audience, or the registrations the organiser picked. */
export const ANNOUNCEMENT_AUDIENCES = [...REMINDER_AUDIENCES, 'selected_registrations'] as const;
export type AnnouncementAudience = (typeof ANNOUNCEMENT_AUDIENCES)[number];

/** The languages an announcement may also be written in; English (or whatever the main text is in) is the default. */
export const ANNOUNCEMENT_TRANSLATION_LANGUAGES = ['es', 'pt', 'fr'] as const;
export type AnnouncementTranslationLanguage = (typeof ANNOUNCEMENT_TRANSLATION_LANGUAGES)[number];

const subject = z.string().trim().min(1, 'required').max(300);
const message = z.string().trim().min(1, 'required').max(20_000);

const translation = z
  .strictObject({ subject, message })
  .meta({ description: 'The announcement as written for recipients who read this language.' });

export const createAnnouncementSchema = z
  .strictObject({
    subject,
    message,
    audience: z.enum(ANNOUNCEMENT_AUDIENCES, { message: `expected one of ${ANNOUNCEMENT_AUDIENCES.join(', ')}` }),
    /** Optional news can be unsubscribed from; practical information (transactional) always goes. */
    optional: z.boolean().default(true),
    translations: z.strictObject({ es: translation.optional(), pt: translation.optional(), fr: translation.optional() }).default({}).meta({
      description:
        'Versions in other languages: each recipient gets the one in their language where one is written, else `subject` and `message`.',
    }),
    registrationIds: z
      .array(z.uuid({ message: 'expected an id' }))
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: 'With audience `selected_registrations`: the registrations it goes to.' }),
  })
  .superRefine((value, ctx) => {
    if (value.audience === 'selected_registrations' && !value.registrationIds) {
      ctx.addIssue({ code: 'custom', path: ['registrationIds'], message: 'required' });
    }
    if (value.audience !== 'selected_registrations' && value.registrationIds) {
      ctx.addIssue({ code: 'custom', path: ['registrationIds'], message: 'only with audience selected_registrations' });
    }
  });
export type CreateAnnouncementInput = z.infer<typeof createAnnouncementSchema>;
