import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { LANGUAGES, LANGUAGE_NAMES, Language } from './i18n/languages';
import { translate } from './i18n/messages';
import { registerViewHelpers } from './view-helpers';

const VIEWS = join(__dirname, 'views');

export interface PageOptions {
  /** The page's title, already translated. */
  title: string;
  /** HTTP status; 200 by default. */
  status?: number;
  /** Pages showing a person's own data must not be stored by shared caches or the back/forward cache. */
  private?: boolean;
  /** Use the organiser layout (navigation, logout). */
  dashboard?: boolean;
  /** Language of the page when not the visitor's (e.g. the attendee's stored language). */
  language?: Language;
  /** Extra stylesheets under /assets, e.g. `dashboard.css`. */
  stylesheets?: string[];
  /** Small progressive-enhancement scripts under /assets, loaded with `defer`. */
  scripts?: string[];
  /**
   * Where the logo leads on a public page: the event's page for attendees, the
   * portal for presenters. Organiser pages lead to the dashboard; a public page
   * without one shows the name unlinked, since the public has no site-wide home.
   */
  home?: string;
  /** The `<meta name="description">` of a public page: what a search result or a shared link shows. */
  description?: string;
}

/**
 * Renders the Handlebars views under `views/` inside the layout. Handlebars
 * escapes every `{{value}}`, so text from people (titles, names, answers)
 * cannot become markup; nothing in the views uses the unescaped form on such text.
 */
@Injectable()
export class WebRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly views = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    registerViewHelpers(this.handlebars);
    for (const file of listTemplates(VIEWS)) {
      const name = relative(VIEWS, file)
        .replace(/\\/g, '/')
        .replace(/\.hbs$/, '');
      const source = readFileSync(file, 'utf8');
      if (name.startsWith('partials/')) this.handlebars.registerPartial(name.slice('partials/'.length), source);
      else this.views.set(name, this.handlebars.compile(source, { strict: false }));
    }
    this.layout = this.views.get('layout') as Handlebars.TemplateDelegate;
  }

  /** Renders `view` with `data` and sends it as the response. */
  page(req: Request, res: Response, view: string, data: Record<string, unknown>, options: PageOptions): void {
    this.pageHeaders(res, options);
    res.send(this.render(req, view, data, options));
  }

  /** The headers every page carries, for a page sent from bytes rendered earlier or written in parts as its work advances (a long import). */
  pageHeaders(res: Response, options: Pick<PageOptions, 'status' | 'private'>): void {
    res
      .status(options.status ?? 200)
      .type('text/html; charset=utf-8')
      .setHeader('Cache-Control', options.private ? 'no-store' : 'no-cache');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
  }

  render(req: Request, view: string, data: Record<string, unknown>, options: PageOptions): string {
    const template = this.views.get(view);
    if (!template) throw new Error(`No view named "${view}" under ${VIEWS}`);
    const language = options.language ?? req.language ?? 'en';
    const root = {
      ...data,
      lang: language,
      title: options.title,
      csrfToken: req.csrfToken,
      organiser: req.principal?.kind === 'organiser' ? req.principal : null,
      eventRole: req.eventAccess?.role ?? null,
      dashboard: options.dashboard ?? false,
      home: options.dashboard ? '/dashboard' : (options.home ?? null),
      description: options.description ?? null,
      // Every dashboard page has the dashboard's rules (tables that fit among them), whatever else it asks for.
      stylesheets: options.dashboard ? [...new Set(['dashboard.css', ...(options.stylesheets ?? [])])] : (options.stylesheets ?? []),
      scripts: options.scripts ?? [],
      publicUrl: this.config.publicUrl,
      languages: LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code], current: code === language, href: withLang(req, code) })),
    };
    const body = template(root, { allowProtoPropertiesByDefault: false });
    return this.layout({ ...root, body });
  }

  /** A message in the request's language, for titles and flash texts built in controllers. */
  t(req: Request, key: string, params?: Record<string, unknown>): string {
    return translate(req.language ?? 'en', key, params);
  }
}

/** Scripts and styles come only from this site; no inline script runs. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

function withLang(req: Request, code: Language): string {
  const url = new URL(req.originalUrl, 'http://local');
  url.searchParams.set('lang', code);
  url.searchParams.delete('token');
  return `${url.pathname}${url.search}`;
}

function listTemplates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTemplates(path);
    return entry.name.endsWith('.hbs') ? [path] : [];
  });
}
