import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { OrganiserPrincipal } from '../auth/principal';
import type { EventRole } from './event-member.entity';

/** The organiser who made a change, named as they are at that moment. */
export type ChangedBy = Pick<OrganiserPrincipal, 'organiserId' | 'name' | 'email'>;

export type ChangeValue = string | number | boolean | null | string[];

export type FieldChanges = Record<string, { from: ChangeValue; to: ChangeValue }>;

/** What an organiser changed on an event or its membership; a member is named `Name <address>`. */
export type OrganiserChange =
  | { kind: 'updated'; changes: FieldChanges; fields: string[] }
  | { kind: 'postponed'; changes: FieldChanges }
  | { kind: 'published' }
  | { kind: 'cancelled'; reason: string | null }
  | { kind: 'member-added'; memberId: string; member: string; role: EventRole }
  | { kind: 'member-role-changed'; memberId: string; member: string; from: EventRole; to: EventRole }
  | { kind: 'member-removed'; memberId: string; member: string; role: EventRole };

export interface EventChangeObserver {
  /** Runs inside the change's transaction: what it writes commits or rolls back with the change. */
  changed(manager: EntityManager, eventId: string, change: OrganiserChange, by: ChangedBy): Promise<void>;
}

/**
 * Tells downstream modules of organisers' changes to an event while its
 * transaction is open. Domain events arrive after commit, too late for a
 * record that must commit with the change (the audit log), and events may not
 * import the modules that keep such records; they register here at boot.
 */
@Injectable()
export class EventChanges {
  private readonly observers: EventChangeObserver[] = [];

  observe(observer: EventChangeObserver): void {
    this.observers.push(observer);
  }

  /** Without `by` nothing is told: only organisers' own changes are theirs to record. */
  async tell(manager: EntityManager, eventId: string, change: OrganiserChange, by: ChangedBy | undefined): Promise<void> {
    if (!by) return;
    for (const observer of this.observers) await observer.changed(manager, eventId, change, by);
  }
}
