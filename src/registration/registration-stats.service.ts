import { Injectable } from '@nestjs/common';
import { Event } from '../events/event.entity';
import { localDatesBetween } from '../platform/time/zoned-time';
import { CountRow, RegistrationStatsRepository } from './registration-stats.repository';

export type { CountRow } from './registration-stats.repository';

export interface SessionAttendance {
  id: string;
  title: string;
  startsAt: Date;
  capacity: number | null;
  signedUp: number;
  waitlisted: number;
}

/**
 * The organisers' overview of an event's registrations: each figure is one
 * aggregate in Postgres, so the page costs the same with ten or ten thousand
 * registrations.
 */
@Injectable()
export class RegistrationStatsService {
  constructor(private readonly repository: RegistrationStatsRepository) {}

  /** Registrations received per local day of the event's zone, whatever became of them. */
  async perDay(event: Event): Promise<CountRow[]> {
    return this.repository.perDay(event.id, event.timezone);
  }

  async byCountry(eventId: string): Promise<CountRow[]> {
    return this.repository.byPersonColumn(eventId, 'country_code');
  }

  async byOrganisationType(eventId: string): Promise<CountRow[]> {
    return this.repository.byPersonColumn(eventId, 'organisation_type');
  }

  /** Check-ins on each day of the event, days without any included. */
  async checkInsPerDay(event: Event): Promise<CountRow[]> {
    const rows = await this.repository.checkInsPerDay(event.id);
    const counts = new Map(rows.map((r) => [r.key, r.count]));
    return localDatesBetween(event.startsAt, event.endsAt, event.timezone).map((key) => ({ key, count: counts.get(key) ?? 0 }));
  }

  /** Every session that is not cancelled, in time order, with its sign-ups held and waiting. */
  async sessions(eventId: string): Promise<SessionAttendance[]> {
    const rows = await this.repository.sessions(eventId);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      startsAt: r.starts_at,
      capacity: r.capacity,
      signedUp: r.signed_up,
      waitlisted: r.waitlisted,
    }));
  }
}
