import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { EventMember, EventRole } from './event-member.entity';

export interface MemberRow {
  id: string;
  organiser_id: string;
  email: string;
  name: string;
  role: EventRole;
  has_password: boolean;
  created_at: Date;
  timezone: string;
}

const MEMBER_SELECT = `SELECT m.id, m.organiser_id, o.email, o.name, m.role, o.password_hash IS NOT NULL AS has_password,
                              m.created_at, e.timezone
                         FROM event_members m
                         JOIN organisers o ON o.id = m.organiser_id
                         JOIN events e ON e.id = m.event_id`;

/** The `event_members` table's SQL: only this module's services use this. */
@Injectable()
export class EventMembersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insertOwner(manager: EntityManager, eventId: string, organiserId: string): Promise<void> {
    await manager.insert(EventMember, { eventId, organiserId, role: 'owner', addedBy: organiserId });
  }

  /** The new membership's id, or null when the organiser already is a member. */
  async insert(
    manager: EntityManager,
    member: { eventId: string; organiserId: string; role: EventRole; addedBy: string },
  ): Promise<string | null> {
    const { rows } = await sql<{ id: string }>(
      manager,
      `INSERT INTO event_members (event_id, organiser_id, role, added_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (event_id, organiser_id) DO NOTHING RETURNING id`,
      [member.eventId, member.organiserId, member.role, member.addedBy],
    );
    return rows[0]?.id ?? null;
  }

  async roleOf(eventId: string, organiserId: string): Promise<EventRole | null> {
    const member = await this.db.getRepository(EventMember).findOne({ where: { eventId, organiserId } });
    return member?.role ?? null;
  }

  /** A page of the event's members in the order they were added, after `cursor`, one more than `limit`. */
  async page(eventId: string, limit: number, cursor: { after: string; id: string } | null): Promise<MemberRow[]> {
    const { rows } = await sql<MemberRow>(
      this.db.manager,
      `${MEMBER_SELECT}
        WHERE m.event_id = $1 AND ($2::timestamptz IS NULL OR (m.created_at, m.id) > ($2::timestamptz, $3::uuid))
        ORDER BY m.created_at, m.id LIMIT $4`,
      [eventId, cursor?.after ?? null, cursor?.id ?? null, limit + 1],
    );
    return rows;
  }

  async find(eventId: string, memberId: string): Promise<MemberRow | undefined> {
    const { rows } = await sql<MemberRow>(this.db.manager, `${MEMBER_SELECT} WHERE m.event_id = $1 AND m.id = $2`, [eventId, memberId]);
    return rows[0];
  }

  /** Locks the event's owners and the member `memberId` until the transaction ends, and returns them. */
  async lockOwnersAnd(manager: EntityManager, eventId: string, memberId: string): Promise<Array<{ id: string; role: EventRole }>> {
    const { rows } = await sql<{ id: string; role: EventRole }>(
      manager,
      `SELECT id, role FROM event_members WHERE event_id = $1 AND (role = 'owner' OR id = $2) FOR UPDATE`,
      [eventId, memberId],
    );
    return rows;
  }

  async updateRole(manager: EntityManager, memberId: string, role: EventRole): Promise<void> {
    await sql(manager, `UPDATE event_members SET role = $2 WHERE id = $1`, [memberId, role]);
  }

  async delete(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query(`DELETE FROM event_members WHERE id = $1`, [memberId]);
  }
}
