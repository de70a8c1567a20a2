import { Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { CreateRoomInput, UpdateRoomInput, createRoomSchema, updateRoomSchema } from './dto/room.dto';
import { CreateThemeInput, UpdateThemeInput, createThemeSchema, updateThemeSchema } from './dto/theme.dto';
import { RoomsService } from './rooms.service';
import { roomPageResponse, roomResponse, themePageResponse, themeResponse } from './agenda.response';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';

@ApiTags('agenda')
@Controller('events/:eventId')
@UseGuards(EventAccessGuard)
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Post('rooms')
  @ApiZodResponse(roomResponse, 'The new room.')
  @ApiZodBody(createRoomSchema)
  createRoom(@Param('eventId') eventId: string, @ZodBody(createRoomSchema) body: CreateRoomInput) {
    return this.rooms.createRoom(eventId, body);
  }

  @Get('rooms')
  @ApiZodResponse(roomPageResponse, "The event's rooms.")
  listRooms(@Param('eventId') eventId: string) {
    return this.rooms.listRooms(eventId);
  }

  @Patch('rooms/:roomId')
  @ApiZodResponse(roomResponse, 'The changed room.')
  @ApiZodBody(updateRoomSchema)
  updateRoom(
    @Param('eventId') eventId: string,
    @Param('roomId', new IdParam('room')) roomId: string,
    @ZodBody(updateRoomSchema) body: UpdateRoomInput,
  ) {
    return this.rooms.updateRoom(eventId, roomId, body);
  }

  @Delete('rooms/:roomId')
  @HttpCode(204)
  removeRoom(@Param('eventId') eventId: string, @Param('roomId', new IdParam('room')) roomId: string) {
    return this.rooms.removeRoom(eventId, roomId);
  }

  @Post('themes')
  @ApiZodResponse(themeResponse, 'The new theme.')
  @ApiZodBody(createThemeSchema)
  createTheme(@Param('eventId') eventId: string, @ZodBody(createThemeSchema) body: CreateThemeInput) {
    return this.rooms.createTheme(eventId, body);
  }

  @Get('themes')
  @ApiZodResponse(themePageResponse, "The event's themes.")
  listThemes(@Param('eventId') eventId: string) {
    return this.rooms.listThemes(eventId);
  }

  @Patch('themes/:themeId')
  @ApiZodResponse(themeResponse, 'The changed theme.')
  @ApiZodBody(updateThemeSchema)
  updateTheme(
    @Param('eventId') eventId: string,
    @Param('themeId', new IdParam('theme')) themeId: string,
    @ZodBody(updateThemeSchema) body: UpdateThemeInput,
  ) {
    return this.rooms.updateTheme(eventId, themeId, body);
  }

  @Delete('themes/:themeId')
  @HttpCode(204)
  removeTheme(@Param('eventId') eventId: string, @Param('themeId', new IdParam('theme')) themeId: string) {
    return this.rooms.removeTheme(eventId, themeId);
  }
}
