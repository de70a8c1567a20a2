import { Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { organiserActor } from '../audit/audit.service';
import { CurrentOrganiser } from '../auth/auth.decorators';
import { OrganiserPrincipal } from '../auth/principal';
import { EventAccessGuard } from '../events/event-access.guard';
import { NumberParam } from '../platform/http/number-param.pipe';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { AgendaVersionsService } from './agenda-versions.service';
import { PublishVersionInput, publishVersionSchema } from './dto/publish-version.dto';
import { agendaVersionPageResponse, agendaVersionResponse, conflictPageResponse } from './agenda.response';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';

@ApiTags('agenda')
@Controller('events/:eventId/agenda')
@UseGuards(EventAccessGuard)
export class AgendaVersionsController {
  constructor(private readonly versions: AgendaVersionsService) {}

  @Post('versions')
  @ApiZodResponse(agendaVersionResponse, 'The new version and what changed.')
  @ApiZodBody(publishVersionSchema)
  publish(
    @Param('eventId') eventId: string,
    @ZodBody(publishVersionSchema) body: PublishVersionInput,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    return this.versions.publish(eventId, body, { actor: organiserActor(me) });
  }

  @Get('versions')
  @ApiZodResponse(agendaVersionPageResponse, 'The published versions.')
  list(@Param('eventId') eventId: string) {
    return this.versions.list(eventId);
  }

  @Get('versions/:number')
  @ApiZodResponse(agendaVersionResponse, 'The version.')
  get(@Param('eventId') eventId: string, @Param('number', new NumberParam('agenda version')) number: number) {
    return this.versions.get(eventId, number);
  }

  /** People chairing or presenting in overlapping sessions of the working agenda. */
  @Get('conflicts')
  @ApiZodResponse(conflictPageResponse, 'People due in two places at once in the working agenda.')
  async conflicts(@Param('eventId') eventId: string) {
    return { items: await this.versions.workingConflicts(eventId), nextCursor: null };
  }
}
