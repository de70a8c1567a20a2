import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { LoginSessionsRepository } from './login-sessions.repository';
import { OrganiserPrincipal } from './principal';
import { hashToken, newSecretToken } from './secret-token';

/** Organiser bearer tokens: issued at login, stored hashed, expiring, revocable. */
@Injectable()
export class LoginService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: LoginSessionsRepository,
  ) {}

  async start(organiserId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecretToken('pls');
    const expiresAt = new Date(Date.now() + this.config.auth.loginTtlMs);
    await this.sessions.insert({ organiserId, tokenHash: hashToken(token), expiresAt });
    return { token, expiresAt };
  }

  async verify(token: string): Promise<OrganiserPrincipal | null> {
    const row = await this.sessions.findLive(hashToken(token));
    if (!row) return null;
    return { kind: 'organiser', organiserId: row.id, email: row.email, name: row.name, isAdmin: row.is_admin, sessionId: row.session_id };
  }

  async end(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
  }

  /** After a password change every other login of that organiser stops working. */
  async endAll(organiserId: string): Promise<void> {
    await this.sessions.revokeAllOf(organiserId);
  }
}
