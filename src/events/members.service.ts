import { Injectable } from '@nestjs/common';
import { OrganisersService } from '../auth/organisers.service';
import { OrganiserPrincipal } from '../auth/principal';
import { TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { Page, PageQuery, decodeCursor, toPage } from '../platform/http/pagination';
import { formatInZone } from '../platform/time/zoned-time';
import { AddMemberInput } from './dto/add-member.dto';
import { EventMembersRepository, MemberRow } from './event-members.repository';
import { EventsRepository } from './events.repository';

@Injectable()
export class MembersService {
  constructor(
    private readonly events: EventsRepository,
    private readonly members: EventMembersRepository,
    private readonly transactions: TransactionService,
    private readonly organisers: OrganisersService,
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

  /** Removes a member; an event always keeps at least one owner. */
  async remove(eventId: string, memberId: string): Promise<void> {
    await this.transactions.run(async ({ manager }) => {
      const rows = await this.members.lockOwnersAnd(manager, eventId, memberId);
      const target = rows.find((r) => r.id === memberId);
      if (!target) throw Problem.notFound(`No member ${memberId} in this event`);
      if (target.role === 'owner' && rows.filter((r) => r.role === 'owner').length === 1) {
        throw Problem.conflict("This is the event's last owner; add another owner before removing this one");
      }
      await this.members.delete(manager, memberId);
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
