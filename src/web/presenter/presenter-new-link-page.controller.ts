import { Controller } from '@nestjs/common';
import { EventsService } from '../../events/events.service';
import { PresenterLinksService } from '../../presenters/presenter-links.service';
import { NewLinkPage } from '../new-link-page';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';

/** `/presenter/new-link`: a fresh link to the presenter's page, as `POST /presenters/link`. */
@Controller('presenter/new-link')
@WebPages('public')
export class PresenterNewLinkPageController extends NewLinkPage {
  protected readonly page = {
    area: 'presenter',
    path: '/presenter/new-link',
    stylesheet: 'presenter.css',
    asksForEvent: false,
  } as const;

  constructor(
    renderer: WebRenderer,
    events: EventsService,
    private readonly links: PresenterLinksService,
  ) {
    super(renderer, events);
  }

  protected resend(email: string): Promise<void> {
    return this.links.resendLinks(email);
  }
}
