import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { EditableEmail, EditedText, unknownPlaceholders } from '../../platform/mail/editable-text';
import { emailTextSchema } from '../../platform/mail/dto/email-text.dto';
import { EmailTextsService } from '../../platform/mail/email-texts.service';
import { MAIL_LANGUAGES, MailLanguage } from '../../platform/mail/mail-language';
import { FormErrors, translateFormErrors, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { EDITABLE_EMAILS, editableEmail } from './editable-emails';
import { inlineImages, sendEmailFrame } from './email-frame';
import { loadEventPage } from './event-page';
import { shownErrors } from './form-values';

const REQUIRED = { subject: 'dashboard.emails.texts.error.subjectRequired', body: 'dashboard.emails.texts.error.bodyRequired' };
/** A draft travels to the preview frame in its URL, compressed; this bounds what a crafted one may unpack to. */
const MAX_DRAFT_BYTES = 64 * 1024;

/**
 * `/dashboard/events/:eventId/email-texts`: the event's own wording of its
 * system emails, per kind and language, with a preview and a way back to the default.
 */
@Controller('dashboard/events/:eventId/email-texts')
@WebPages('organiser')
export class EmailTextsPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly texts: EmailTextsService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query('done') done?: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const edited = new Set((await this.texts.list(event.id)).map((row) => `${row.kind}/${row.language}`));
    this.renderer.page(
      req,
      res,
      'dashboard/email-texts',
      {
        event: eventData(event),
        languages: MAIL_LANGUAGES,
        kinds: EDITABLE_EMAILS.map((email) => ({
          kind: email.kind,
          languages: MAIL_LANGUAGES.map((language) => ({ language, edited: edited.has(`${email.kind}/${language}`) })),
        })),
        done: done === 'saved' || done === 'reset' ? this.renderer.t(req, `dashboard.emails.texts.done.${done}`) : null,
      },
      this.pageOptions(req, event, this.renderer.t(req, 'dashboard.emails.texts.title')),
    );
  }

  @Get(':kind/:language')
  async edit(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('kind') kind: string,
    @Param('language') language: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const email = kindOf(kind);
    const lang = languageOf(language);
    const saved = await this.texts.find(event.id, email.kind, lang);
    this.renderEdit(req, res, { event, email, language: lang, form: saved ?? email.defaults(lang), saved, draft: null }, undefined, 200);
  }

  /** "Preview" shows the typed text as it would be sent, without saving; "Save" keeps it. */
  @Post(':kind/:language')
  async save(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('kind') kind: string,
    @Param('language') language: string,
    @Body() body: Record<string, unknown>,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const email = kindOf(kind);
    const lang = languageOf(language);
    const typed = { subject: typeof body.subject === 'string' ? body.subject : '', body: typeof body.body === 'string' ? body.body : '' };
    const parsed = validateForm(emailTextSchema, typed);
    const errors: FormErrors = parsed.ok ? {} : translateFormErrors(req.language ?? 'en', parsed.errors, REQUIRED);
    for (const field of ['subject', 'body'] as const) {
      const unknown = unknownPlaceholders(typed[field], email.placeholders);
      if (unknown.length > 0 && !errors[field]) {
        errors[field] = this.renderer.t(req, 'dashboard.emails.texts.error.unknownPlaceholder', {
          names: unknown.map((name) => `{${name}}`).join(', '),
        });
      }
    }
    const saved = await this.texts.find(event.id, email.kind, lang);
    const page = { event, email, language: lang, form: typed, saved };
    if (!parsed.ok || Object.keys(errors).length > 0) return this.renderEdit(req, res, { ...page, draft: null }, errors, 400);
    if (body.intent === 'preview') return this.renderEdit(req, res, { ...page, draft: parsed.value }, undefined, 200);
    await this.texts.save(event.id, email.kind, lang, parsed.value);
    res.redirect(303, `/dashboard/events/${event.id}/email-texts?done=saved`);
  }

  /** The sample message alone, for the preview's sandboxed frame: the saved (or default) text, or the draft in `?draft=`. */
  @Get(':kind/:language/frame')
  async frame(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('kind') kind: string,
    @Param('language') language: string,
    @Query('draft') draft?: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const email = kindOf(kind);
    const lang = languageOf(language);
    const text = draft ? decodeDraft(draft) : await this.texts.find(event.id, email.kind, lang);
    const sample = email.sample(lang, text, event);
    sendEmailFrame(res, inlineImages(sample.html, sample.attachments ?? []));
  }

  @Get(':kind/:language/reset')
  async confirmReset(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('kind') kind: string,
    @Param('language') language: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const email = kindOf(kind);
    const lang = languageOf(language);
    this.renderer.page(
      req,
      res,
      'dashboard/email-text-reset',
      {
        event: eventData(event),
        kind: email.kind,
        language: lang,
        base: `/dashboard/events/${event.id}/email-texts/${email.kind}/${lang}`,
      },
      this.pageOptions(req, event, this.renderer.t(req, 'dashboard.emails.texts.reset.title')),
    );
  }

  @Post(':kind/:language/reset')
  async reset(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('kind') kind: string,
    @Param('language') language: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const email = kindOf(kind);
    await this.texts.reset(event.id, email.kind, languageOf(language));
    res.redirect(303, `/dashboard/events/${event.id}/email-texts?done=reset`);
  }

  /** The form with what is typed in `form`; the preview shows the draft when asked for, else the saved (or default) text. */
  private renderEdit(req: Request, res: Response, page: EditPage, errors: FormErrors | undefined, status: number) {
    const { event, email, language, form, saved, draft } = page;
    const base = `/dashboard/events/${event.id}/email-texts/${email.kind}/${language}`;
    const shown = email.sample(language, draft ?? saved, event);
    this.renderer.page(
      req,
      res,
      'dashboard/email-text-edit',
      {
        event: eventData(event),
        kind: email.kind,
        language,
        form,
        errors: shownErrors(errors),
        edited: Boolean(saved),
        placeholders: email.placeholders.map((name) => ({ name, token: `{${name}}` })),
        defaults: email.defaults(language),
        action: base,
        frameSrc: draft ? `${base}/frame?draft=${encodeDraft(draft)}` : `${base}/frame`,
        preview: { subject: shown.subject, text: shown.text },
        drafted: Boolean(draft),
      },
      { ...this.pageOptions(req, event, this.renderer.t(req, 'dashboard.emails.texts.edit.title')), status },
    );
  }

  private pageOptions(req: Request, event: Event, title: string) {
    return { title: `${title} · ${event.title}`, dashboard: true, private: true, stylesheets: ['dashboard-operations.css'] };
  }
}

interface EditPage {
  event: Event;
  email: EditableEmail<Event>;
  language: MailLanguage;
  form: EditedText;
  saved: EditedText | null;
  draft: EditedText | null;
}

function eventData(event: Event) {
  return { id: event.id, title: event.title, timezone: event.timezone };
}

function kindOf(kind: string): EditableEmail<Event> {
  const email = editableEmail(kind);
  if (!email) throw new WebPageError(404, 'notFound');
  return email;
}

function languageOf(language: string): MailLanguage {
  if (!(MAIL_LANGUAGES as readonly string[]).includes(language)) throw new WebPageError(404, 'notFound');
  return language as MailLanguage;
}

function encodeDraft(text: EditedText): string {
  return deflateRawSync(Buffer.from(JSON.stringify(text))).toString('base64url');
}

function decodeDraft(draft: string): EditedText {
  try {
    const parsed = emailTextSchema.safeParse(
      JSON.parse(inflateRawSync(Buffer.from(draft, 'base64url'), { maxOutputLength: MAX_DRAFT_BYTES }).toString()),
    );
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through: a draft that does not unpack is a link nobody was given.
  }
  throw new WebPageError(400, 'generic', 'The preview link is damaged; preview the text again from its form.');
}
