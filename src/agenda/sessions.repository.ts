import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { SessionChair } from './session-chair.entity';
import { Session } from './session.entity';

/** A scheduled session holding a room for part of a time span. */
export interface RoomBooking {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
}

/** The `sessions` and `session_chairs` tables' SQL: only the agenda's services use this. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** For reads outside a transaction (the working agenda's loader takes a manager). */
  get manager(): EntityManager {
    return this.db.manager;
  }

  create(manager: EntityManager, fields: Partial<Session>): Session {
    return manager.create(Session, fields);
  }

  save(manager: EntityManager, session: Session): Promise<Session> {
    return manager.save(session);
  }

  /** The session, its row locked until the transaction ends when `lock` is set. */
  find(manager: EntityManager, eventId: string, sessionId: string, lock = false): Promise<Session | null> {
    return manager.findOne(Session, {
      where: { eventId, id: sessionId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  delete(manager: EntityManager, eventId: string, sessionId: string): Promise<unknown> {
    return manager.delete(Session, { id: sessionId, eventId });
  }

  /** The row version of each of the event's sessions (or of one), by session id. */
  async versions(eventId: string, sessionId?: string): Promise<Map<string, number>> {
    const { rows } = await sql<{ id: string; version: number }>(
      this.db.manager,
      `SELECT id, version FROM sessions WHERE event_id = $1 AND ($2::uuid IS NULL OR id = $2::uuid)`,
      [eventId, sessionId ?? null],
    );
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  /** How many scheduled sessions each of these events has; events without any are absent. */
  async scheduledCounts(eventIds: string[]): Promise<Array<{ eventId: string; n: number }>> {
    const { rows } = await sql<{ event_id: string; n: number }>(
      this.db.manager,
      `SELECT event_id, count(*)::int AS n FROM sessions WHERE event_id = ANY($1::uuid[]) AND status = 'scheduled' GROUP BY event_id`,
      [eventIds],
    );
    return rows.map((r) => ({ eventId: r.event_id, n: r.n }));
  }

  /** The earliest other scheduled session in the room overlapping the span, or null. */
  async firstBookingOverlapping(
    manager: EntityManager,
    roomId: string,
    exceptSessionId: string | null,
    startsAt: Date,
    endsAt: Date,
  ): Promise<RoomBooking | null> {
    const { rows } = await sql<RoomBooking>(
      manager,
      `SELECT id, title, starts_at, ends_at FROM sessions
        WHERE room_id = $1 AND status = 'scheduled' AND id IS DISTINCT FROM $2::uuid
          AND starts_at < $4 AND ends_at > $3
        ORDER BY starts_at LIMIT 1`,
      [roomId, exceptSessionId, startsAt, endsAt],
    );
    return rows[0] ?? null;
  }

  /** Replaces the session's chairs by these, in this order. */
  async replaceChairs(
    manager: EntityManager,
    sessionId: string,
    chairs: Array<{ personId: string; role: 'chair' | 'moderator' }>,
  ): Promise<void> {
    await manager.delete(SessionChair, { sessionId });
    if (chairs.length > 0) {
      await manager.insert(
        SessionChair,
        chairs.map((c, position) => ({ sessionId, personId: c.personId, role: c.role, position })),
      );
    }
  }
}
