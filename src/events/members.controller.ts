import { Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentOrganiser } from '../auth/auth.decorators';
import { OrganiserPrincipal } from '../auth/principal';
import { IdParam } from '../platform/http/id-param.pipe';
import { PageQuery, pageQuerySchema } from '../platform/http/pagination';
import { ApiZodBody, ZodBody, ZodQuery } from '../platform/http/zod-body.decorator';
import { AddMemberInput, addMemberSchema } from './dto/add-member.dto';
import { ChangeMemberRoleInput, changeMemberRoleSchema } from './dto/change-member-role.dto';
import { EventAccessGuard, OwnersOnly } from './event-access.guard';
import { MembersService } from './members.service';
import { memberResponse } from './event.response';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { pageOf } from '../platform/http/openapi/response-fields';

@ApiTags('events')
@Controller('events/:eventId/members')
@UseGuards(EventAccessGuard)
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @ApiZodResponse(memberResponse, 'The new member.')
  @OwnersOnly()
  @ApiZodBody(addMemberSchema)
  add(@Param('eventId') eventId: string, @ZodBody(addMemberSchema) body: AddMemberInput, @CurrentOrganiser() me: OrganiserPrincipal) {
    return this.members.add(eventId, body, me);
  }

  @Get()
  @ApiZodResponse(pageOf(memberResponse), "The event's members.")
  list(@Param('eventId') eventId: string, @ZodQuery(pageQuerySchema) page: PageQuery) {
    return this.members.list(eventId, page);
  }

  @Get(':memberId')
  @ApiZodResponse(memberResponse, 'The member.')
  get(@Param('eventId') eventId: string, @Param('memberId', new IdParam('member')) memberId: string) {
    return this.members.get(eventId, memberId);
  }

  /** 409 when it would leave the event without an owner. */
  @Patch(':memberId')
  @ApiZodResponse(memberResponse, 'The member with their new role.')
  @OwnersOnly()
  @ApiZodBody(changeMemberRoleSchema)
  changeRole(
    @Param('eventId') eventId: string,
    @Param('memberId', new IdParam('member')) memberId: string,
    @ZodBody(changeMemberRoleSchema) body: ChangeMemberRoleInput,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    return this.members.changeRole(eventId, memberId, body, me);
  }

  @Delete(':memberId')
  @OwnersOnly()
  @HttpCode(204)
  remove(
    @Param('eventId') eventId: string,
    @Param('memberId', new IdParam('member')) memberId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    return this.members.remove(eventId, memberId, me);
  }
}
