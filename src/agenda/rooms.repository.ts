import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Room } from './room.entity';
import { Theme } from './theme.entity';

/** The `rooms` and `themes` tables' SQL: only the agenda's services use this. */
@Injectable()
export class RoomsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  saveRoom(room: Partial<Room>): Promise<Room> {
    return this.db.getRepository(Room).save(room);
  }

  /** The event's rooms in creation order. */
  roomsOf(eventId: string): Promise<Room[]> {
    return this.db.getRepository(Room).find({ where: { eventId }, order: { createdAt: 'ASC' } });
  }

  findRoom(eventId: string, roomId: string): Promise<Room | null> {
    return this.db.getRepository(Room).findOne({ where: { eventId, id: roomId } });
  }

  /**
   * The room, its row locked until the transaction ends, so two requests
   * booking it at once are checked one after the other.
   */
  lockRoom(manager: EntityManager, eventId: string, roomId: string): Promise<Room | null> {
    return manager.findOne(Room, { where: { id: roomId, eventId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Whether a room went; a session scheduled in it makes this fail with a foreign-key violation. */
  async deleteRoom(eventId: string, roomId: string): Promise<boolean> {
    return Boolean((await this.db.getRepository(Room).delete({ eventId, id: roomId })).affected);
  }

  saveTheme(theme: Partial<Theme>): Promise<Theme> {
    return this.db.getRepository(Theme).save(theme);
  }

  /** The event's themes in creation order. */
  themesOf(eventId: string): Promise<Theme[]> {
    return this.db.getRepository(Theme).find({ where: { eventId }, order: { createdAt: 'ASC' } });
  }

  findTheme(eventId: string, themeId: string, manager: EntityManager = this.db.manager): Promise<Theme | null> {
    return manager.findOne(Theme, { where: { eventId, id: themeId } });
  }

  async deleteTheme(eventId: string, themeId: string): Promise<boolean> {
    return Boolean((await this.db.getRepository(Theme).delete({ eventId, id: themeId })).affected);
  }
}
