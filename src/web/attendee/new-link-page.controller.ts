import { Controller } from '@nestjs/common';
import { EventsService } from '../../events/events.service';
import { RegistrationsService } from '../../registration/registrations.service';
import { NewLinkPage } from '../new-link-page';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';

/** `/my-registration/new-link`: a fresh link to a registration, as `POST /registrations/link`. */
@Controller('my-registration/new-link')
@WebPages('public')
export class NewLinkPageController extends NewLinkPage {
  protected readonly page = {
    area: 'attendee',
    path: '/my-registration/new-link',
    stylesheet: 'attendee.css',
    asksForEvent: true,
  } as const;

  constructor(
    renderer: WebRenderer,
    events: EventsService,
    private readonly registrations: RegistrationsService,
  ) {
    super(renderer, events);
  }

  protected resend(email: string, eventId: string): Promise<void> {
    return this.registrations.resendLink(eventId, email);
  }
}
