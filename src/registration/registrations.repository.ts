import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Registration } from './registration.entity';

/** The `registrations` table's SQL: only this module's services use this. */
@Injectable()
export class RegistrationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The event's registration with this id, or else with this (normalised) check-in code. */
  findByIdOrCode(eventId: string, key: { id: string } | { checkInCode: string }): Promise<Registration | null> {
    return this.db.getRepository(Registration).findOne({ where: { eventId, ...key } });
  }

  /** Locks the event's registration's row until the transaction ends; fails if there is none. */
  lockOrFail(manager: EntityManager, eventId: string, registrationId: string): Promise<Registration> {
    return manager.findOneOrFail(Registration, { where: { id: registrationId, eventId }, lock: { mode: 'pessimistic_write' } });
  }
}
