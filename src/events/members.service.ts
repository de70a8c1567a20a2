import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrganisersService } from '../auth/organisers.service';
import { OrganiserPrincipal } from '../auth/principal';
import { TransactionService } from '../platform/database/transaction.service';
import { sql } from '../platform/database/sql';
import { Problem } from '../platform/http/problem';
import { Page, PageQuery, decodeCursor, toPage } from '../platform/http/pagination';
import { formatInZone } from '../platform/time/zoned-time';
import { AddMemberInput } from './dto/add-member.dto';
import { Event } from './event.entity';
import { EventRole } from './event-member.entity';

interface MemberRow {
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

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: TransactionService,
    private readonly organisers: OrganisersService,
  ) {}

  async add(eventId: string, input: AddMemberInput, actor: OrganiserPrincipal) {
    const memberId = await this.transactions.run(async (tx) => {
      const event = await tx.manager.findOneOrFail(Event, { where: { id: eventId } });
      const { organiser } = await this.organisers.findOrInvite(tx, {
        email: input.email,
        eventId,
        eventTitle: event.title,
        role: input.role,
        invitedBy: actor.name,
      });
      const { rows } = await sql<{ id: string }>(
        tx.manager,
        `INSERT INTO event_members (event_id, organiser_id, role, added_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (event_id, organiser_id) DO NOTHING RETURNING id`,
        [eventId, organiser.id, input.role, actor.organiserId],
      );
      if (rows.length === 0) throw Problem.conflict(`${input.email} is already a member of this event`);
      return rows[0].id;
    });
    return this.get(eventId, memberId);
  }

  async list(eventId: string, page: PageQuery): Promise<Page<ReturnType<typeof memberView>>> {
    const cursor = decodeCursor(page.cursor);
    const { rows } = await sql<MemberRow>(
      this.db.manager,
      `${MEMBER_SELECT}
        WHERE m.event_id = $1 AND ($2::timestamptz IS NULL OR (m.created_at, m.id) > ($2::timestamptz, $3::uuid))
        ORDER BY m.created_at, m.id LIMIT $4`,
      [eventId, cursor?.after ?? null, cursor?.id ?? null, page.limit + 1],
    );
    return toPage(rows, page.limit, memberView, (r) => ({ after: r.created_at.toISOString(), id: r.id }));
  }

  async get(eventId: string, memberId: string) {
    const { rows } = await sql<MemberRow>(this.db.manager, `${MEMBER_SELECT} WHERE m.event_id = $1 AND m.id = $2`, [eventId, memberId]);
    if (rows.length === 0) throw Problem.notFound(`No member ${memberId} in this event`);
    return memberView(rows[0]);
  }

  /** Removes a member; an event always keeps at least one owner. */
  async remove(eventId: string, memberId: string): Promise<void> {
    await this.transactions.run(async ({ manager }) => {
      const { rows } = await sql<{ id: string; role: EventRole }>(
        manager,
        `SELECT id, role FROM event_members WHERE event_id = $1 AND (role = 'owner' OR id = $2) FOR UPDATE`,
        [eventId, memberId],
      );
      const target = rows.find((r) => r.id === memberId);
      if (!target) throw Problem.notFound(`No member ${memberId} in this event`);
      if (target.role === 'owner' && rows.filter((r) => r.role === 'owner').length === 1) {
        throw Problem.conflict("This is the event's last owner; add another owner before removing this one");
      }
      await manager.query(`DELETE FROM event_members WHERE id = $1`, [memberId]);
    });
  }
}

function memberView(row: MemberRow) {
  return {
    id: row.id,
    organiserId: row.organiser_id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.has_password ? ('active' as const) : ('invited' as const),
    createdAt: formatInZone(row.created_at, row.timezone),
  };
}
