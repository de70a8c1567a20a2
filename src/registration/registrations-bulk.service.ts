import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ActedBy, organiserActor } from '../audit/audit.service';
import { OrganiserPrincipal } from '../auth/principal';
import { Event } from '../events/event.entity';
import { PeopleService } from '../people/people.service';
import { Problem } from '../platform/http/problem';
import { CheckInsService } from './check-ins.service';
import { BulkAction, BulkActionInput } from './dto/bulk-action.dto';
import { RegistrationStatus } from './registration.entity';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';

/**
 * What happened to one selected registration: `done` names the outcome
 * (`approved`, `waitlisted` when approved without a free seat, `rejected`,
 * `cancelled`, `checked_in`, `already_checked_in`); a refused row keeps the
 * status that stopped it, so the summary can say "1 already cancelled".
 */
export type BulkRowResult =
  | { registrationId: string; name: string; email: string | null; done: BulkDone }
  | { registrationId: string; name: string | null; email: string | null; refused: RegistrationStatus | 'not_found' | 'not_event_day' };

export type BulkDone = 'approved' | 'waitlisted' | 'rejected' | 'cancelled' | 'checked_in' | 'already_checked_in';

/** The statuses each action accepts, as the single actions decide them. */
const ACCEPTS: Record<BulkAction, RegistrationStatus[]> = {
  approve: ['pending'],
  reject: ['pending', 'waitlisted'],
  cancel: ['pending', 'confirmed', 'waitlisted'],
  check_in: ['confirmed'],
};

/**
 * The organisers' actions on a selection of registrations, through the very
 * methods of the single actions: each row is its own transaction (a seat
 * freed by one cancellation is given to the waitlist before the next row), and
 * its email is enqueued after that row commits. A row that cannot take the
 * action is reported with its status; the others still go through.
 */
@Injectable()
export class RegistrationsBulkService {
  constructor(
    private readonly repository: RegistrationsRepository,
    private readonly people: PeopleService,
    private readonly registrations: RegistrationsService,
    private readonly checkIns: CheckInsService,
  ) {}

  /** The selected registrations with their people, in the order given; unknown ids are left out. */
  async selection(eventId: string, ids: string[]) {
    if (ids.length === 0) return [];
    const rows = await this.repository.findMany(eventId, ids);
    const people = new Map(
      (
        await this.people.byIds(
          eventId,
          rows.map((r) => r.personId),
        )
      ).map((p) => [p.id, p]),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const registration = byId.get(id);
      const person = registration && people.get(registration.personId);
      if (!registration || !person) return [];
      return [{ id, status: registration.status, name: person.name, email: person.email }];
    });
  }

  /** Whether the action applies to a registration in this status (the confirmation step shows which will not). */
  accepts(action: BulkAction, status: RegistrationStatus): boolean {
    return ACCEPTS[action].includes(status);
  }

  /** Each changed registration gets its own audit entry; `bulkActionId` in its details ties the run together. */
  async apply(event: Event, input: BulkActionInput, organiser: OrganiserPrincipal): Promise<BulkRowResult[]> {
    const selected = new Map((await this.selection(event.id, input.registrationIds)).map((row) => [row.id, row]));
    const by: ActedBy = { actor: organiserActor(organiser), details: { bulkActionId: randomUUID() } };
    const results: BulkRowResult[] = [];
    for (const registrationId of input.registrationIds) {
      const row = selected.get(registrationId);
      if (!row) {
        results.push({ registrationId, name: null, email: null, refused: 'not_found' });
        continue;
      }
      const who = { registrationId, name: row.name, email: row.email };
      try {
        const done = await this.one(event, input, registrationId, row.status, by);
        results.push(typeof done === 'string' ? { ...who, done } : { ...who, refused: done.refused });
      } catch (error) {
        results.push({ ...who, refused: await this.refusal(event.id, registrationId, error) });
      }
    }
    return results;
  }

  private async one(
    event: Event,
    input: BulkActionInput,
    registrationId: string,
    status: RegistrationStatus,
    by: ActedBy,
  ): Promise<BulkDone | { refused: RegistrationStatus }> {
    switch (input.action) {
      case 'approve': {
        const { registration } = await this.registrations.approve(event.id, registrationId, by);
        return registration.status === 'confirmed' ? 'approved' : 'waitlisted';
      }
      case 'reject':
        await this.registrations.reject(event.id, registrationId, by);
        return 'rejected';
      case 'cancel':
        // The single cancel answers a cancelled or rejected registration unchanged; here that is reported, not counted.
        if (!ACCEPTS.cancel.includes(status)) return { refused: status };
        await this.registrations.cancel(event.id, registrationId, by);
        return 'cancelled';
      case 'check_in': {
        const { created } = await this.checkIns.checkIn(event, { registrationId, day: input.day }, by);
        return created ? 'checked_in' : 'already_checked_in';
      }
    }
  }

  /** A refusal of the single action (409/422) as the status that caused it; anything else is a real failure. */
  private async refusal(
    eventId: string,
    registrationId: string,
    error: unknown,
  ): Promise<RegistrationStatus | 'not_found' | 'not_event_day'> {
    if (!(error instanceof Problem) || error.getStatus() >= 500) throw error;
    if (error.getStatus() === 404) return 'not_found';
    if (error.errors?.some((e) => e.field === 'day')) return 'not_event_day';
    const now = await this.repository.findOne(eventId, registrationId);
    if (!now) return 'not_found';
    return now.status;
  }
}
