import { Controller, Delete, Get, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { organiserActor } from '../audit/audit.service';
import { CurrentOrganiser } from '../auth/auth.decorators';
import { OrganiserPrincipal } from '../auth/principal';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { InvitePresentersInput, invitePresentersSchema } from './dto/invite-presenters.dto';
import { PresentationEventGuard } from './presentation-event.guard';
import { PresenterInvitationsService } from './presenter-invitations.service';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { invitationPageResponse, inviteResponse, revokeResponse } from './presenter.response';

/** Organisers invite a presentation's presenters, see their answers, and revoke their links. */
@ApiTags('presenters')
@Controller('presentations/:presentationId/invitations')
@UseGuards(PresentationEventGuard)
export class PresenterInvitationsController {
  constructor(private readonly invitations: PresenterInvitationsService) {}

  /** Emails each presenter (or those in `personIds`) a link; calling again re-sends. */
  @Post()
  @ApiZodResponse(inviteResponse, 'Who was emailed a link, and who was skipped and why.')
  @ApiZodBody(invitePresentersSchema)
  invite(
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @ZodBody(invitePresentersSchema) body: InvitePresentersInput,
    @Req() request: Request,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    return this.invitations.invite(request.eventAccess!.eventId, presentationId, body, { actor: organiserActor(me) });
  }

  @Get()
  @ApiZodResponse(invitationPageResponse, "The presentation's presenters and their answers.")
  list(@Param('presentationId', new IdParam('presentation')) presentationId: string, @Req() request: Request) {
    return this.invitations.list(request.eventAccess!.eventId, presentationId);
  }

  /** Revokes every link of that presenter in the event. */
  @Delete(':personId')
  @ApiZodResponse(revokeResponse, "The presenter's links, revoked.")
  revoke(
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @Param('personId', new IdParam('presenter')) personId: string,
    @Req() request: Request,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    return this.invitations.revoke(request.eventAccess!.eventId, presentationId, personId, { actor: organiserActor(me) });
  }
}
