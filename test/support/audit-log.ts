import { TestApp, login } from './test-app';

/** An entry of `GET /events/:eventId/audit`. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: { organiserId: string | null; label: string };
  action: string;
  subject: { type: string; id: string | null };
  details: Record<string, unknown>;
}

/** An organiser account as the audit tests act with it; `label` is how an entry names them. */
export interface AuditOrganiser {
  id: string;
  email: string;
  name: string;
  password: string;
  auth: string;
  label: string;
}

/** Creates an organiser account (as the administrator) and logs it in. */
export async function auditOrganiser(http: TestApp['http'], adminAuth: string, email: string, name: string): Promise<AuditOrganiser> {
  const password = `${name.toLowerCase().replace(/\W/g, '')}-password-1`;
  const created = await http.post('/organisers').set('Authorization', adminAuth).send({ email, name, password }).expect(201);
  return { id: created.body.id as string, email, name, password, auth: await login(http, email, password), label: `${name} <${email}>` };
}
