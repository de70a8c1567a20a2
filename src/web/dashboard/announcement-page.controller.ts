import { organiserActor } from '../../audit/audit.service';
import { OrganiserPrincipal } from '../../auth/principal';
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { AnnouncementsService } from '../../reminders/announcements.service';
import {
  ANNOUNCEMENT_AUDIENCES,
  ANNOUNCEMENT_TRANSLATION_LANGUAGES,
  AnnouncementTranslationLanguage,
  createAnnouncementSchema,
} from '../../reminders/dto/announcement.dto';
import { FormErrors, asList, formErrorsFrom, translateFormErrors, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { sendEmailFrame } from './email-frame';
import { loadEventPage } from './event-page';
import { problemStatus, shownErrors } from './form-values';

const SELECTED = 'selected_registrations';
const REQUIRED = {
  subject: 'dashboard.emails.announcement.error.subjectRequired',
  message: 'dashboard.emails.announcement.error.messageRequired',
  audience: 'dashboard.emails.announcement.error.audienceRequired',
  ...Object.fromEntries(
    ANNOUNCEMENT_TRANSLATION_LANGUAGES.flatMap((l) => [
      [`translations.${l}.subject`, 'dashboard.emails.announcement.error.subjectRequired'],
      [`translations.${l}.message`, 'dashboard.emails.announcement.error.messageRequired'],
    ]),
  ),
};

/** What the form holds: the main text, and a subject and message per other language, blank when not written. */
interface AnnouncementForm {
  audience: string;
  subject: string;
  message: string;
  optional: boolean;
  registrationIds: string[];
  translations: Record<AnnouncementTranslationLanguage, { subject: string; message: string }>;
}

/**
 * `/dashboard/events/:eventId/announcements`: compose an announcement, review
 * it with its recipients, send it; the same service as `/events/:eventId/announcements`.
 */
@Controller('dashboard/events/:eventId/announcements')
@WebPages('organiser')
export class AnnouncementPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly announcements: AnnouncementsService,
  ) {}

  /** `?registrationId=…&registrationId=…` (from the registrations page) preselects those people as the audience. */
  @Get('new')
  async compose(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query('registrationId') picked: unknown) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const registrationIds = asList(picked);
    const form: AnnouncementForm = {
      audience: registrationIds.length > 0 ? SELECTED : 'confirmed',
      subject: '',
      message: '',
      optional: true,
      registrationIds,
      translations: blankTranslations(),
    };
    this.renderCompose(req, res, event, form, undefined, 200);
  }

  @Post()
  async create(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const form = formFrom(body);
    const parsed = validateForm(createAnnouncementSchema, inputOf(form));
    let errors: FormErrors = parsed.ok ? {} : parsed.errors;
    let status = 400;
    if (parsed.ok) {
      try {
        const created = await this.announcements.create(
          event.id,
          parsed.value,
          req.principal?.kind === 'organiser' ? req.principal.organiserId : '',
        );
        return res.redirect(303, `/dashboard/events/${event.id}/announcements/${created.id}`);
      } catch (error) {
        errors = formErrorsFrom(error);
        status = problemStatus(error);
      }
    }
    this.renderCompose(req, res, event, form, errors, status);
  }

  /** The review step: who receives it, and the message in each language its recipients read. */
  @Get(':announcementId')
  async review(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('announcementId', new IdParam('announcement')) announcementId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const announcement = await this.announcements.get(event.id, announcementId);
    const preview = await this.announcements.preview(event.id, announcementId);
    const base = `/dashboard/events/${event.id}/announcements/${announcementId}`;
    this.renderer.page(
      req,
      res,
      'dashboard/announcement-review',
      {
        event: eventData(event),
        announcement,
        preview: {
          ...preview,
          versions: preview.versions.map((v) => ({ ...v, frameSrc: `${base}/versions/${v.language}/frame` })),
        },
        action: `${base}/send`,
        draft: announcement.status === 'draft',
      },
      pageOptions(event, this.renderer.t(req, 'dashboard.emails.announcement.reviewTitle')),
    );
  }

  @Get(':announcementId/versions/:language/frame')
  async frame(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('announcementId', new IdParam('announcement')) announcementId: string,
    @Param('language') language: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const preview = await this.announcements.preview(event.id, announcementId);
    const version = preview.versions.find((v) => v.language === language);
    if (!version) throw new WebPageError(404, 'notFound');
    sendEmailFrame(res, version.html);
  }

  /** Enqueues the sending (mail goes out from the worker); the review page then says it is on its way. */
  @Post(':announcementId/send')
  async send(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('announcementId', new IdParam('announcement')) announcementId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.announcements.send(event.id, announcementId, { actor: organiserActor(req.principal as OrganiserPrincipal) });
    res.redirect(303, `/dashboard/events/${event.id}/announcements/${announcementId}`);
  }

  private renderCompose(req: Request, res: Response, event: Event, form: AnnouncementForm, errors: FormErrors | undefined, status: number) {
    // The picked ids travel in hidden fields: one message for the picking as a whole (`registrationIds[1]` included).
    const folded =
      errors &&
      Object.fromEntries(
        Object.entries(errors).map(([field, message]) => [field.replace(/^registrationIds\[\d+\]$/, 'registrationIds'), message]),
      );
    const translated = folded ? translateFormErrors(req.language ?? 'en', folded, REQUIRED) : undefined;
    this.renderer.page(
      req,
      res,
      'dashboard/announcement-new',
      {
        event: eventData(event),
        form,
        errors: shownErrors(translated),
        audiences: ANNOUNCEMENT_AUDIENCES.filter((a) => a !== SELECTED || form.registrationIds.length > 0),
        translations: ANNOUNCEMENT_TRANSLATION_LANGUAGES.map((language) => ({
          language,
          prefix: `${language}_`,
          subject: form.translations[language].subject,
          message: form.translations[language].message,
          subjectField: `translations.${language}.subject`,
          messageField: `translations.${language}.message`,
          open: Boolean(form.translations[language].subject || form.translations[language].message),
        })),
        action: `/dashboard/events/${event.id}/announcements`,
      },
      { ...pageOptions(event, this.renderer.t(req, 'dashboard.emails.announcement.title')), status },
    );
  }
}

function blankTranslations(): AnnouncementForm['translations'] {
  return { es: { subject: '', message: '' }, pt: { subject: '', message: '' }, fr: { subject: '', message: '' } };
}

function text(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  return typeof value === 'string' ? value : '';
}

function formFrom(body: Record<string, unknown>): AnnouncementForm {
  const translations = blankTranslations();
  for (const language of ANNOUNCEMENT_TRANSLATION_LANGUAGES) {
    translations[language] = { subject: text(body, `${language}_subject`), message: text(body, `${language}_message`) };
  }
  return {
    audience: text(body, 'audience'),
    subject: text(body, 'subject'),
    message: text(body, 'message'),
    optional: body.optional === 'yes',
    registrationIds: asList(body.registrationId),
    translations,
  };
}

/** The API's body: a language's version only when something of it is written, so the schema can say what is missing. */
function inputOf(form: AnnouncementForm) {
  const translations = Object.fromEntries(
    ANNOUNCEMENT_TRANSLATION_LANGUAGES.filter((l) => form.translations[l].subject.trim() || form.translations[l].message.trim()).map(
      (l) => [l, form.translations[l]],
    ),
  );
  return {
    subject: form.subject,
    message: form.message,
    audience: form.audience === '' ? undefined : form.audience,
    optional: form.optional,
    translations,
    ...(form.audience === SELECTED ? { registrationIds: form.registrationIds } : {}),
  };
}

function eventData(event: Event) {
  return { id: event.id, title: event.title, timezone: event.timezone };
}

function pageOptions(event: Event, title: string) {
  return { title: `${title} · ${event.title}`, dashboard: true, private: true, stylesheets: ['dashboard-operations.css'] };
}
