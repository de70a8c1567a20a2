import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sql } from '../platform/database/sql';
import { LoginSession } from './login-session.entity';

export interface LiveSessionRow {
  session_id: string;
  id: string;
  email: string;
  name: string;
  is_admin: boolean;
}

/** The `login_sessions` table's SQL: only auth's services use this. */
@Injectable()
export class LoginSessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(session: { organiserId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.db.getRepository(LoginSession).insert(session);
  }

  /** The live session with this hash and its organiser, or undefined. */
  async findLive(tokenHash: string): Promise<LiveSessionRow | undefined> {
    const { rows } = await sql<LiveSessionRow>(
      this.db.manager,
      `SELECT s.id AS session_id, o.id, o.email, o.name, o.is_admin
         FROM login_sessions s JOIN organisers o ON o.id = s.organiser_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [tokenHash],
    );
    return rows[0];
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.getRepository(LoginSession).update({ id: sessionId }, { revokedAt: new Date() });
  }

  async revokeAllOf(organiserId: string): Promise<void> {
    await sql(this.db.manager, `UPDATE login_sessions SET revoked_at = now() WHERE organiser_id = $1 AND revoked_at IS NULL`, [
      organiserId,
    ]);
  }

  async deleteExpired(days: number): Promise<void> {
    await this.db.query(`DELETE FROM login_sessions WHERE expires_at < now() - make_interval(days => $1)`, [days]);
  }
}
