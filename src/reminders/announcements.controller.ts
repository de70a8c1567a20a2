import { organiserActor } from '../audit/audit.service';
import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentOrganiser } from '../auth/auth.decorators';
import { OrganiserPrincipal } from '../auth/principal';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { AnnouncementsService } from './announcements.service';
import { CreateAnnouncementInput, createAnnouncementSchema } from './dto/announcement.dto';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { announcementPageResponse, announcementPreviewResponse, announcementResponse } from './reminder.response';

@ApiTags('reminders')
@Controller('events/:eventId/announcements')
@UseGuards(EventAccessGuard)
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Post()
  @ApiZodResponse(announcementResponse, 'The new announcement (a draft).')
  @ApiZodBody(createAnnouncementSchema)
  create(
    @Param('eventId') eventId: string,
    @ZodBody(createAnnouncementSchema) body: CreateAnnouncementInput,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    return this.announcements.create(eventId, body, me.organiserId);
  }

  @Get()
  @ApiZodResponse(announcementPageResponse, "The event's announcements.")
  list(@Param('eventId') eventId: string) {
    return this.announcements.list(eventId);
  }

  @Get(':announcementId/preview')
  @ApiZodResponse(announcementPreviewResponse, 'Who would receive it, and the message as written for the first one.')
  preview(@Param('eventId') eventId: string, @Param('announcementId', new IdParam('announcement')) announcementId: string) {
    return this.announcements.preview(eventId, announcementId);
  }

  @Post(':announcementId/send')
  @ApiZodResponse(announcementResponse, 'The announcement, sending.')
  @HttpCode(202)
  send(
    @Param('eventId') eventId: string,
    @Param('announcementId', new IdParam('announcement')) announcementId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    return this.announcements.send(eventId, announcementId, { actor: organiserActor(me) });
  }
}
