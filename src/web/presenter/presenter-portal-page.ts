import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PRESENTATION_SECTIONS, SECTION_MAX_LENGTH } from '../../agenda/presentation.entity';
import { MagicLinkPrincipal } from '../../auth/principal';
import { CertificatesService } from '../../certificates/certificates.service';
import { BIOGRAPHY_MAX_LENGTH } from '../../people/person.entity';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { describeSpan } from '../../platform/time/zoned-time';
import { MATERIAL_KINDS, MATERIAL_TYPES } from '../../presenters/material-types';
import { PresenterPortalService, PresenterRef } from '../../presenters/presenter-portal.service';
import { FormErrors, translateFormErrors } from '../form-input';
import { Language } from '../i18n/languages';
import { LOCALES } from '../i18n/languages';
import { LINK_COOKIE_PATHS } from '../web-cookies';
import { WebRenderer } from '../web-renderer.service';

export const PORTAL_NOTICES = ['saved', 'confirmed', 'declined', 'uploaded'] as const;
export type PortalNotice = (typeof PORTAL_NOTICES)[number];

/** What one request adds to the portal: a notice after a redirect, or a refused form with what was typed. */
export interface PortalState {
  status?: number;
  notice?: { presentationId: string; key: PortalNotice };
  edit?: { presentationId: string; values: Record<string, string>; errors: FormErrors };
  decline?: { presentationId: string; reason: string; errors: FormErrors };
  upload?: { presentationId: string; message: string; detail?: string };
  biography?: { saved?: boolean; value?: string; errors?: FormErrors };
}

type Portal = Awaited<ReturnType<PresenterPortalService['myPresentations']>>;
type PortalItem = Portal['items'][number];

const ACCEPTED_TYPES = MATERIAL_KINDS.map((kind) => kind.toUpperCase()).join(', ');
const ACCEPT_ATTRIBUTE = MATERIAL_KINDS.flatMap((kind) => [
  ...MATERIAL_TYPES[kind].extensions.map((ext) => `.${ext}`),
  MATERIAL_TYPES[kind].contentType,
]).join(',');

/** What an empty required field of the presenter forms says. */
const PRESENTER_REQUIRED_KEYS: Record<string, string> = { title: 'presenter.error.required.title' };

/** `/presenter/...` path of a presentation's actions, which the link cookie (scoped to /presenter) reaches. */
export function presentationPath(presentationId: string, action = ''): string {
  return `/presenter/presentations/${presentationId}${action ? `/${action}` : ''}`;
}

/** The portal after an action: its notice shown beside the presentation it concerns. */
export function portalWithNotice(presentationId: string, notice: PortalNotice): string {
  return `/presenter?notice=${notice}&presentation=${presentationId}#presentation-${presentationId}`;
}

/** The portal page: every presentation of the presenter with its answer, text and materials. */
@Injectable()
export class PresenterPortalPage {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly portal: PresenterPortalService,
    private readonly certificates: CertificatesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The limit in MB as people read it: "100", or "0.5" for a small test limit. */
  get limitMb(): string {
    return String(Number((this.config.materials.maxBytes / 1024 / 1024).toFixed(1)));
  }

  get acceptedTypes(): string {
    return ACCEPTED_TYPES;
  }

  /** The presenter whose link cookie opened the page (set by the page access guard). */
  presenter(req: Request): PresenterRef {
    return this.portal.presenterOf(req.principal as MagicLinkPrincipal);
  }

  async render(req: Request, res: Response, me: PresenterRef, state: PortalState = {}): Promise<void> {
    const [portal, certificates] = await Promise.all([this.portal.myPresentations(me), this.certificatesOf(me)]);
    const { event } = portal;
    const dueAt = event.materialsDueAt;
    this.renderer.page(
      req,
      res,
      'presenter/portal',
      {
        event: {
          ...event,
          span: describeSpan(new Date(event.startsAt), new Date(event.endsAt), event.timezone, LOCALES[req.language ?? 'en']),
        },
        me: portal.me,
        biography: {
          max: BIOGRAPHY_MAX_LENGTH,
          saved: state.biography?.saved ?? false,
          value: state.biography?.value ?? portal.me.biography ?? '',
          error: translateFormErrors(req.language ?? 'en', state.biography?.errors ?? {}).biography ?? null,
        },
        materials: {
          dueAt,
          passed: dueAt !== null && new Date(dueAt).getTime() < Date.now(),
          limitMb: this.limitMb,
          types: ACCEPTED_TYPES,
          accept: ACCEPT_ATTRIBUTE,
          maxBytes: this.config.materials.maxBytes,
        },
        presentations: portal.items.map((item) => this.presentation(item, state, req.language ?? 'en')),
        certificates,
      },
      {
        title: this.renderer.t(req, 'presenter.title'),
        status: state.status,
        private: true,
        stylesheets: ['presenter.css'],
        scripts: ['presenter.js'],
        home: LINK_COOKIE_PATHS.presenter,
      },
    );
  }

  /** The presentations of the published agenda the presenter has a certificate for, once the event's certificates exist. */
  private async certificatesOf(me: PresenterRef): Promise<Array<{ href: string; title: string }>> {
    const event = await this.certificates.eventOf(me.eventId);
    if (!(await this.certificates.available(event))) return [];
    return (await this.certificates.presentationsOf(me.eventId, me.personId)).map((p) => ({
      href: `/presenter/presentations/${p.presentationId}/certificate.pdf`,
      title: p.title,
    }));
  }

  private presentation(item: PortalItem, state: PortalState, language: Language) {
    const mine = <T extends { presentationId: string }>(entry?: T): T | undefined =>
      entry?.presentationId === item.id ? entry : undefined;
    const edit = mine(state.edit);
    const values: Record<string, string | null> = edit?.values ?? { title: item.title, abstract: item.abstract, ...item.sections };
    const errors = translateFormErrors(language, edit?.errors ?? {}, PRESENTER_REQUIRED_KEYS);
    const decline = mine(state.decline);
    return {
      id: item.id,
      title: item.title,
      roleKey: item.myRole ? `presenter.role.${item.myRole}` : null,
      answer: {
        ...item.myInvitation,
        statusKey: `presenter.status.${item.myInvitation.status}`,
        textKey: `presenter.answer.${item.myInvitation.status}`,
      },
      slot: item.slot,
      coPresenters: item.presenters
        .filter((p) => !p.isMe)
        .map((p) => ({ ...p, roleKey: `presenter.role.${p.role}`, statusKey: `presenter.status.${p.invitationStatus}` })),
      noticeKey: state.notice?.presentationId === item.id ? `presenter.notice.${state.notice.key}` : null,
      form: {
        title: values.title ?? '',
        abstract: values.abstract ?? '',
        errors: Object.keys(errors).length > 0 ? errors : null,
        sections: PRESENTATION_SECTIONS.map((name) => ({
          name,
          labelKey: `presenter.section.${name}`,
          value: values[name] ?? '',
          error: errors[name] ?? errors[`sections.${name}`],
          max: SECTION_MAX_LENGTH,
        })),
      },
      decline: decline ? { ...decline, errors: translateFormErrors(language, decline.errors) } : null,
      materials: {
        late: item.materials.late,
        uploadError: mine(state.upload) ?? null,
        versions: item.materials.versions.map((v) => ({
          ...v,
          download: `${presentationPath(item.id, 'materials')}/${v.id}/download`,
        })),
      },
    };
  }
}
