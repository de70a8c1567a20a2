import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { Problem } from '../platform/http/problem';
import { CreateRoomInput, UpdateRoomInput } from './dto/room.dto';
import { CreateThemeInput, UpdateThemeInput } from './dto/theme.dto';
import { Room } from './room.entity';
import { RoomsRepository } from './rooms.repository';
import { Theme } from './theme.entity';

const roomView = (r: Room) => ({ id: r.id, name: r.name, capacity: r.capacity });
const themeView = (t: Theme) => ({ id: t.id, name: t.name, colour: t.colour });

/** Rooms and themes: the small fixed lists sessions refer to. */
@Injectable()
export class RoomsService {
  constructor(private readonly repository: RoomsRepository) {}

  async createRoom(eventId: string, input: CreateRoomInput) {
    return roomView(await this.uniqueName('room', input.name, () => this.repository.saveRoom({ ...input, eventId })));
  }

  async listRooms(eventId: string) {
    const rooms = await this.repository.roomsOf(eventId);
    return { items: rooms.map(roomView), nextCursor: null };
  }

  async updateRoom(eventId: string, roomId: string, input: UpdateRoomInput) {
    const room = await this.repository.findRoom(eventId, roomId);
    if (!room) throw Problem.notFound(`No room ${roomId} in this event`);
    Object.assign(room, defined(input));
    return roomView(await this.uniqueName('room', room.name, () => this.repository.saveRoom(room)));
  }

  async removeRoom(eventId: string, roomId: string): Promise<void> {
    try {
      if (!(await this.repository.deleteRoom(eventId, roomId))) throw Problem.notFound(`No room ${roomId} in this event`);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23503') {
        throw Problem.conflict('Sessions are scheduled in this room; move them first');
      }
      throw error;
    }
  }

  async createTheme(eventId: string, input: CreateThemeInput) {
    return themeView(await this.uniqueName('theme', input.name, () => this.repository.saveTheme({ ...input, eventId })));
  }

  async listThemes(eventId: string) {
    const themes = await this.repository.themesOf(eventId);
    return { items: themes.map(themeView), nextCursor: null };
  }

  async updateTheme(eventId: string, themeId: string, input: UpdateThemeInput) {
    const theme = await this.repository.findTheme(eventId, themeId);
    if (!theme) throw Problem.notFound(`No theme ${themeId} in this event`);
    Object.assign(theme, defined(input));
    return themeView(await this.uniqueName('theme', theme.name, () => this.repository.saveTheme(theme)));
  }

  async removeTheme(eventId: string, themeId: string): Promise<void> {
    if (!(await this.repository.deleteTheme(eventId, themeId))) throw Problem.notFound(`No theme ${themeId} in this event`);
  }

  private async uniqueName<T>(what: string, name: string, save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw Problem.conflict(`This event already has a ${what} named "${name}"`);
      }
      throw error;
    }
  }
}

function defined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
