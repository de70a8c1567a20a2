import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { Organiser } from './organiser.entity';
import { insertOrganiser } from './organiser-accounts';

/** The `organisers` table's SQL: only auth's services use this; other modules go through OrganisersService. */
@Injectable()
export class OrganisersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  /** The new account's id, or null when the address already has one. */
  insert(input: { email: string; name: string; password: string; isAdmin: boolean }): Promise<string | null> {
    return insertOrganiser(this.db.manager, input);
  }

  /**
   * Inserts the administrator when no account exists yet; true when it did.
   * The advisory lock makes two processes booting together create one.
   */
  async insertFirstAdmin(manager: EntityManager, input: { email: string; name: string; passwordHash: string }): Promise<boolean> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('plenary:first-admin'))`);
    const { rows } = await sql(
      manager,
      `INSERT INTO organisers (email, name, password_hash, is_admin)
       SELECT $1, $2, $3, true WHERE NOT EXISTS (SELECT 1 FROM organisers)
       RETURNING id`,
      [input.email, input.name, input.passwordHash],
    );
    return rows.length > 0;
  }

  /** Inserts an account without a password unless the address has one; true when inserted. */
  async insertInvited(manager: EntityManager, email: string, name: string): Promise<boolean> {
    const { rows } = await sql<{ id: string }>(
      manager,
      `INSERT INTO organisers (email, name) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, name],
    );
    return rows.length > 0;
  }

  /** The account with its password hash, which other reads leave out. */
  findWithHashByEmail(email: string): Promise<Organiser | null> {
    return this.withHash().where('o.email = :email', { email }).getOne();
  }

  findByEmail(manager: EntityManager, email: string): Promise<Organiser | null> {
    return manager.findOne(Organiser, { where: { email } });
  }

  findById(manager: EntityManager, id: string): Promise<Organiser | null> {
    return manager.findOne(Organiser, { where: { id } });
  }

  getByEmail(manager: EntityManager, email: string): Promise<Organiser> {
    return manager.findOneOrFail(Organiser, { where: { email } });
  }

  listWithHash(): Promise<Organiser[]> {
    return this.withHash().orderBy('o.createdAt', 'ASC').getMany();
  }

  getWithHash(id: string): Promise<Organiser> {
    return this.withHash().where('o.id = :id', { id }).getOneOrFail();
  }

  async setPasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.update(Organiser, { id }, { passwordHash });
  }

  private withHash() {
    return this.db.getRepository(Organiser).createQueryBuilder('o').addSelect('o.passwordHash');
  }
}
