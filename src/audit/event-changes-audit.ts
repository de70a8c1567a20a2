import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangedBy, EventChangeObserver, EventChanges, OrganiserChange } from '../events/event-changes';
import { AuditRecord, AuditService, organiserActor } from './audit.service';

/**
 * Records the events module's changes (the event itself, its members) in the
 * audit log. Events cannot import audit, which sits downstream of it, so this
 * registers with the events module's `EventChanges` at boot.
 */
@Injectable()
export class EventChangesAudit implements EventChangeObserver, OnModuleInit {
  constructor(
    private readonly changes: EventChanges,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.changes.observe(this);
  }

  async changed(manager: EntityManager, eventId: string, change: OrganiserChange, by: ChangedBy): Promise<void> {
    await this.audit.record({ eventId, actor: organiserActor(by), ...entryOf(eventId, change) }, manager);
  }
}

function entryOf(eventId: string, change: OrganiserChange): Pick<AuditRecord, 'action' | 'subject' | 'details'> {
  const event = { type: 'event' as const, id: eventId };
  switch (change.kind) {
    case 'updated':
      return { action: 'event.updated', subject: event, details: { changes: change.changes, fields: change.fields } };
    case 'postponed':
      return { action: 'event.postponed', subject: event, details: { changes: change.changes } };
    case 'published':
      return { action: 'event.published', subject: event };
    case 'cancelled':
      return { action: 'event.cancelled', subject: event, details: { reason: change.reason } };
    case 'member-added':
      return {
        action: 'event-member.added',
        subject: { type: 'event-member', id: change.memberId },
        details: { member: change.member, role: change.role },
      };
    case 'member-role-changed':
      return {
        action: 'event-member.role-changed',
        subject: { type: 'event-member', id: change.memberId },
        details: { member: change.member, changes: { role: { from: change.from, to: change.to } } },
      };
    case 'member-removed':
      return {
        action: 'event-member.removed',
        subject: { type: 'event-member', id: change.memberId },
        details: { member: change.member, role: change.role },
      };
  }
}
