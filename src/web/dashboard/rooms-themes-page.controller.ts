import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createRoomSchema, updateRoomSchema } from '../../agenda/dto/room.dto';
import { createThemeSchema, updateThemeSchema } from '../../agenda/dto/theme.dto';
import { RoomsService } from '../../agenda/rooms.service';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { Problem } from '../../platform/http/problem';
import { FormErrors, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { agendaFormErrors } from './agenda-form-errors';
import { loadEventPage } from './event-page';
import { optionalNumber, problemStatus, shownErrors, typedText } from './form-values';

type Kind = 'room' | 'theme';

interface ItemRoute {
  eventId: string;
  itemId: string;
}

interface FormState {
  values: Record<string, string>;
  errors: FormErrors;
}

const STYLESHEETS = ['dashboard.css', 'dashboard-agenda.css'];
/** The colour a new theme's picker starts at: the dashboard's accent. */
const DEFAULT_COLOUR = '#1f6feb';
const SAVED = ['room-added', 'room-saved', 'room-deleted', 'theme-added', 'theme-saved', 'theme-deleted'];

/**
 * The event's rooms and themes: the fixed lists sessions and presentations
 * refer to. Adding, renaming and deleting go through the API's RoomsService,
 * validated with its schemas; a delete asks first on a page of its own.
 */
@Controller('dashboard/events/:eventId/rooms-themes')
@WebPages('organiser')
export class RoomsThemesPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly rooms: RoomsService,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.renderList(req, res, event, {}, 200);
  }

  @Post('rooms')
  async addRoom(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const typed = roomForm(body);
    const form = validateForm(createRoomSchema, roomInput(typed));
    const refusal = form.ok ? await attempt(() => this.rooms.createRoom(eventId, form.value)) : invalid(form.errors);
    if (!refusal) return res.redirect(303, `/dashboard/events/${eventId}/rooms-themes?saved=room-added`);
    await this.renderList(req, res, event, { room: { values: typed, errors: this.errors(req, refusal.messages) } }, refusal.status);
  }

  @Post('themes')
  async addTheme(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    // On the list page the room's form is beside it, so the theme's name field has a name of its own.
    const typed = { name: typedText(body, 'themeName'), colour: typedText(body, 'colour') };
    const form = validateForm(createThemeSchema, themeInput(typed));
    const refusal = form.ok ? await attempt(() => this.rooms.createTheme(eventId, form.value)) : invalid(form.errors);
    if (!refusal) return res.redirect(303, `/dashboard/events/${eventId}/rooms-themes?saved=theme-added`);
    const { name, ...errors } = this.errors(req, refusal.messages);
    const shown = { values: { themeName: typed.name, colour: typed.colour }, errors: name ? { ...errors, themeName: name } : errors };
    await this.renderList(req, res, event, { theme: shown }, refusal.status);
  }

  @Get('rooms/:itemId')
  async editRoom(@Req() req: Request, @Res() res: Response, @Param() route: ItemRoute) {
    await this.renderEdit(req, res, 'room', route, null, 200);
  }

  @Get('themes/:itemId')
  async editTheme(@Req() req: Request, @Res() res: Response, @Param() route: ItemRoute) {
    await this.renderEdit(req, res, 'theme', route, null, 200);
  }

  @Post('rooms/:itemId')
  async saveRoom(@Req() req: Request, @Res() res: Response, @Param() route: ItemRoute, @Body() body: Record<string, unknown>) {
    await loadEventPage(this.events, req, route.eventId);
    const typed = roomForm(body);
    const form = validateForm(updateRoomSchema, { ...roomInput(typed), capacity: optionalNumber(typed.capacity) ?? null });
    const refusal = form.ok ? await attempt(() => this.rooms.updateRoom(route.eventId, route.itemId, form.value)) : invalid(form.errors);
    if (!refusal) return res.redirect(303, `/dashboard/events/${route.eventId}/rooms-themes?saved=room-saved`);
    await this.renderEdit(req, res, 'room', route, { values: typed, errors: this.errors(req, refusal.messages) }, refusal.status);
  }

  @Post('themes/:itemId')
  async saveTheme(@Req() req: Request, @Res() res: Response, @Param() route: ItemRoute, @Body() body: Record<string, unknown>) {
    await loadEventPage(this.events, req, route.eventId);
    const typed = themeForm(body);
    const form = validateForm(updateThemeSchema, themeInput(typed));
    const refusal = form.ok ? await attempt(() => this.rooms.updateTheme(route.eventId, route.itemId, form.value)) : invalid(form.errors);
    if (!refusal) return res.redirect(303, `/dashboard/events/${route.eventId}/rooms-themes?saved=theme-saved`);
    await this.renderEdit(req, res, 'theme', route, { values: typed, errors: this.errors(req, refusal.messages) }, refusal.status);
  }

  @Get('rooms/:itemId/delete')
  async confirmRoomDelete(@Req() req: Request, @Res() res: Response, @Param() route: ItemRoute) {
    await this.renderDelete(req, res, 'room', route, null, 200);
  }

  @Get('themes/:itemId/delete')
  async confirmThemeDelete(@Req() req: Request, @Res() res: Response, @Param() route: ItemRoute) {
    await this.renderDelete(req, res, 'theme', route, null, 200);
  }

  @Post('rooms/:itemId/delete')
  async deleteRoom(@Req() req: Request, @Res() res: Response, @Param() route: ItemRoute) {
    await loadEventPage(this.events, req, route.eventId);
    await this.find(route.eventId, 'room', route.itemId);
    const refusal = await attempt(() => this.rooms.removeRoom(route.eventId, route.itemId));
    if (!refusal) return res.redirect(303, `/dashboard/events/${route.eventId}/rooms-themes?saved=room-deleted`);
    await this.renderDelete(req, res, 'room', route, this.renderer.t(req, 'dashboard.agenda.rooms.inUse'), refusal.status);
  }

  @Post('themes/:itemId/delete')
  async deleteTheme(@Req() req: Request, @Res() res: Response, @Param() route: ItemRoute) {
    await loadEventPage(this.events, req, route.eventId);
    await this.find(route.eventId, 'theme', route.itemId);
    await this.rooms.removeTheme(route.eventId, route.itemId).catch(notFoundPage);
    res.redirect(303, `/dashboard/events/${route.eventId}/rooms-themes?saved=theme-deleted`);
  }

  private errors(req: Request, messages: FormErrors): FormErrors {
    return agendaFormErrors(req, messages, { name: 'dashboard.agenda.error.nameRequired' });
  }

  private async find(eventId: string, kind: Kind, id: string) {
    const list = kind === 'room' ? await this.rooms.listRooms(eventId) : await this.rooms.listThemes(eventId);
    const item = (list.items as Array<{ id: string; name: string; capacity?: number | null; colour?: string | null }>).find(
      (i) => i.id === id,
    );
    if (!item) throw new WebPageError(404, 'notFound');
    return item;
  }

  private async renderList(req: Request, res: Response, event: Event, forms: { room?: FormState; theme?: FormState }, status: number) {
    const [rooms, themes] = await Promise.all([this.rooms.listRooms(event.id), this.rooms.listThemes(event.id)]);
    this.renderer.page(
      req,
      res,
      'dashboard/rooms-themes',
      {
        event,
        rooms: rooms.items,
        themes: themes.items,
        saved: SAVED.includes(req.query.saved as string)
          ? this.renderer.t(req, `dashboard.agenda.rooms.saved.${req.query.saved as string}`)
          : null,
        room: { values: forms.room?.values ?? {}, errors: shownErrors(forms.room?.errors) },
        theme: { values: forms.theme?.values ?? { colour: DEFAULT_COLOUR }, errors: shownErrors(forms.theme?.errors) },
      },
      {
        title: this.renderer.t(req, 'dashboard.agenda.rooms.title', { event: event.title }),
        dashboard: true,
        private: true,
        status,
        stylesheets: STYLESHEETS,
      },
    );
  }

  private async renderEdit(req: Request, res: Response, kind: Kind, route: ItemRoute, form: FormState | null, status: number) {
    const { event } = await loadEventPage(this.events, req, route.eventId);
    const item = await this.find(route.eventId, kind, route.itemId);
    const values = form?.values ?? {
      name: item.name,
      capacity: item.capacity === null || item.capacity === undefined ? '' : String(item.capacity),
      colour: item.colour ?? '',
    };
    this.renderer.page(
      req,
      res,
      'dashboard/room-theme-edit',
      { event, kind, isRoom: kind === 'room', item, values, errors: shownErrors(form?.errors) },
      {
        title: this.renderer.t(req, `dashboard.agenda.${kind}s.editTitle`, { name: item.name, event: event.title }),
        dashboard: true,
        private: true,
        status,
        stylesheets: STYLESHEETS,
      },
    );
  }

  private async renderDelete(req: Request, res: Response, kind: Kind, route: ItemRoute, refusal: string | null, status: number) {
    const { event } = await loadEventPage(this.events, req, route.eventId);
    const item = await this.find(route.eventId, kind, route.itemId);
    this.renderer.page(
      req,
      res,
      'dashboard/room-theme-delete',
      { event, kind, isRoom: kind === 'room', item, refusal },
      {
        title: this.renderer.t(req, `dashboard.agenda.${kind}s.deleteTitle`, { name: item.name, event: event.title }),
        dashboard: true,
        private: true,
        status,
        stylesheets: STYLESHEETS,
      },
    );
  }
}

interface Refusal {
  messages: FormErrors;
  status: number;
}

function invalid(messages: FormErrors): Refusal {
  return { messages, status: 400 };
}

async function attempt(change: () => Promise<unknown>): Promise<Refusal | null> {
  try {
    await change();
    return null;
  } catch (error) {
    notFoundPage(error);
    const messages = formErrorsFrom(error);
    // A duplicate name is a 409 naming no field; the name is what to change.
    if (messages['(form)'] && error instanceof Problem && error.getStatus() === 409) messages.name = messages['(form)'];
    return { messages, status: problemStatus(error) };
  }
}

/** A room or theme of another event, or one deleted meanwhile, is a 404 page as on the API. */
function notFoundPage(error: unknown): void {
  if (error instanceof Problem && error.getStatus() === 404) throw new WebPageError(404, 'notFound');
  if (!(error instanceof Problem)) throw error;
}

function roomForm(body: Record<string, unknown>): Record<string, string> {
  return { name: typedText(body, 'name'), capacity: typedText(body, 'capacity') };
}

function themeForm(body: Record<string, unknown>): Record<string, string> {
  return { name: typedText(body, 'name'), colour: typedText(body, 'colour') };
}

function roomInput(typed: Record<string, string>) {
  return { name: typed.name, capacity: optionalNumber(typed.capacity) };
}

function themeInput(typed: Record<string, string>) {
  return { name: typed.name, colour: typed.colour.trim() === '' ? null : typed.colour.trim() };
}
