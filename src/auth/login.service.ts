import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { sql } from '../platform/database/sql';
import { LoginSession } from './login-session.entity';
import { OrganiserPrincipal } from './principal';
import { hashToken, newSecretToken } from './secret-token';

/** Organiser bearer tokens: issued at login, stored hashed, expiring, revocable. */
@Injectable()
export class LoginService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async start(organiserId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecretToken('pls');
    const expiresAt = new Date(Date.now() + this.config.auth.loginTtlMs);
    await this.db.getRepository(LoginSession).insert({ organiserId, tokenHash: hashToken(token), expiresAt });
    return { token, expiresAt };
  }

  async verify(token: string): Promise<OrganiserPrincipal | null> {
    const { rows } = await sql<{ session_id: string; id: string; email: string; name: string; is_admin: boolean }>(
      this.db.manager,
      `SELECT s.id AS session_id, o.id, o.email, o.name, o.is_admin
         FROM login_sessions s JOIN organisers o ON o.id = s.organiser_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return null;
    return { kind: 'organiser', organiserId: row.id, email: row.email, name: row.name, isAdmin: row.is_admin, sessionId: row.session_id };
  }

  async end(sessionId: string): Promise<void> {
    await this.db.getRepository(LoginSession).update({ id: sessionId }, { revokedAt: new Date() });
  }

  /** After a password change every other login of that organiser stops working. */
  async endAll(organiserId: string): Promise<void> {
    await sql(this.db.manager, `UPDATE login_sessions SET revoked_at = now() WHERE organiser_id = $1 AND revoked_at IS NULL`, [
      organiserId,
    ]);
  }
}
