import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrganisersService } from '../auth/organisers.service';
import { OrganiserPrincipal } from '../auth/principal';
import { TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { Page, PageQuery, decodeCursor, toPage } from '../platform/http/pagination';
import { formatInZone } from '../platform/time/zoned-time';
import { AddMemberInput } from './dto/add-member.dto';
import { ChangeMemberRoleInput } from './dto/change-member-role.dto';
import { ChangedBy, EventChanges } from './event-changes';
import { EventRole } from './event-member.entity';
import { EventMembersRepository, MemberRow } from './event-members.repository';
import { EventsRepository } from './events.repository';

@Injectable()
export class MembersService {
  constructor(
    private readonly events: EventsRepository,
    private readonly members: EventMembersRepository,
    private readonly transactions: TransactionService,
    private readonly organisers: OrganisersService,
    private readonly changes: EventChanges,
  ) {}

  async add(eventId: string, input: AddMemberInput, actor: OrganiserPrincipal) {
    const memberId = await this.transactions.run(async (tx) => {
      const event = await this.events.getOrFail(tx.manager, eventId);
      const { organiser } = await this.organisers.findOrInvite(tx, {
        email: input.email,
        eventId,
        eventTitle: event.title,
        role: input.role,
        invitedBy: actor.name,
      });
      const id = await this.members.insert(tx.manager, {
        eventId,
        organiserId: organiser.id,
        role: input.role,
        addedBy: actor.organiserId,
      });
      if (!id) throw Problem.conflict(`${input.email} is already a member of this event`);
      await this.changes.tell(
        tx.manager,
        eventId,
        { kind: 'member-added', memberId: id, member: label(organiser), role: input.role },
        actor,
      );
      return id;
    });
    return this.get(eventId, memberId);
  }

  async list(eventId: string, page: PageQuery): Promise<Page<ReturnType<typeof memberView>>> {
    const cursor = decodeCursor(page.cursor);
    const rows = await this.members.page(eventId, page.limit, cursor);
    return toPage(rows, page.limit, memberView, (r) => ({ after: r.created_at.toISOString(), id: r.id }));
  }

  async get(eventId: string, memberId: string) {
    const row = await this.members.find(eventId, memberId);
    if (!row) throw Problem.notFound(`No member ${memberId} in this event`);
    return memberView(row);
  }

  /** Gives a member another role; an event always keeps at least one owner. */
  async changeRole(eventId: string, memberId: string, input: ChangeMemberRoleInput, by?: ChangedBy) {
    const member = await this.get(eventId, memberId);
    await this.transactions.run(async ({ manager }) => {
      const target = await this.lockKeepingAnOwner(manager, eventId, memberId, input.role === 'owner' ? null : 'demote');
      if (target.role === input.role) return;
      await this.members.updateRole(manager, memberId, input.role);
      const change = { kind: 'member-role-changed' as const, memberId, member: label(member), from: target.role, to: input.role };
      await this.changes.tell(manager, eventId, change, by);
    });
    return this.get(eventId, memberId);
  }

  /** Removes a member; an event always keeps at least one owner. */
  async remove(eventId: string, memberId: string, by?: ChangedBy): Promise<void> {
    const member = await this.get(eventId, memberId);
    await this.transactions.run(async ({ manager }) => {
      const target = await this.lockKeepingAnOwner(manager, eventId, memberId, 'remove');
      await this.members.delete(manager, memberId);
      await this.changes.tell(manager, eventId, { kind: 'member-removed', memberId, member: label(member), role: target.role }, by);
    });
  }

  /**
   * Locks the event's owners and the member, and refuses (409) to take the
   * owner role from the last owner; `losing` null when the member keeps it.
   */
  private async lockKeepingAnOwner(
    manager: EntityManager,
    eventId: string,
    memberId: string,
    losing: 'demote' | 'remove' | null,
  ): Promise<{ id: string; role: EventRole }> {
    const rows = await this.members.lockOwnersAnd(manager, eventId, memberId);
    const target = rows.find((r) => r.id === memberId);
    if (!target) throw Problem.notFound(`No member ${memberId} in this event`);
    if (losing && target.role === 'owner' && rows.filter((r) => r.role === 'owner').length === 1) {
      throw Problem.conflict(
        losing === 'remove'
          ? "This is the event's last owner; add another owner before removing this one"
          : "This is the event's last owner; make another member an owner before changing this one's role",
      );
    }
    return target;
  }
}

/** A member as an entry names them. */
function label(member: { name: string; email: string }): string {
  return `${member.name} <${member.email}>`;
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
