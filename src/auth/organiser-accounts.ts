import { EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { hashPassword } from './password-hasher';

/**
 * Account writes shared by the HTTP service and the shell CLI, so both store
 * addresses and hashes the same way.
 */
export async function insertOrganiser(
  manager: EntityManager,
  input: { email: string; name: string; password: string; isAdmin: boolean },
): Promise<string | null> {
  const { rows } = await sql<{ id: string }>(
    manager,
    `INSERT INTO organisers (email, name, password_hash, is_admin) VALUES ($1, $2, $3, $4)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [input.email.toLowerCase(), input.name, await hashPassword(input.password), input.isAdmin],
  );
  return rows[0]?.id ?? null;
}

/** Sets the password and ends every login of the account; false when no account has the address. */
export async function replacePassword(manager: EntityManager, email: string, password: string): Promise<string | null> {
  const { rows } = await sql<{ id: string }>(
    manager,
    `UPDATE organisers SET password_hash = $2, updated_at = now() WHERE email = $1 RETURNING id`,
    [email.toLowerCase(), await hashPassword(password)],
  );
  const id = rows[0]?.id ?? null;
  if (id) {
    await sql(manager, `UPDATE login_sessions SET revoked_at = now() WHERE organiser_id = $1 AND revoked_at IS NULL`, [id]);
  }
  return id;
}
