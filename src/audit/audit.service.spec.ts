import { DataSource } from 'typeorm';
import { ServiceModule, createServiceModule } from '../../test/support/service-module';
import { TestDatabase } from '../../test/support/test-database';
import { AuditModule } from './audit.module';
import { AuditService, SYSTEM_ACTOR, organiserActor } from './audit.service';

/** The audit log's writes against a real Postgres: what other modules call inside their transactions. */
describe('AuditService against Postgres', () => {
  let module: ServiceModule;
  let db: TestDatabase;
  let data: DataSource;
  let audit: AuditService;
  let eventId: string;
  let organiserId: string;

  beforeAll(async () => {
    module = await createServiceModule([AuditModule]);
    db = module.db;
    data = module.get(DataSource);
    audit = module.get(AuditService);
    [{ id: eventId }] = await db.query<{ id: string }>(
      `INSERT INTO events (slug, title, timezone, starts_at, ends_at)
       VALUES ('audit-spec', 'Audit', 'Europe/Brussels', '2019-10-08T07:00Z', '2019-10-09T15:30Z') RETURNING id`,
    );
    [{ id: organiserId }] = await db.query<{ id: string }>(
      `INSERT INTO organisers (email, name) VALUES ('marta@plenary.test', 'Marta Ruiz') RETURNING id`,
    );
  });

  afterAll(async () => {
    await module?.close();
  });

  it('records in the caller’s transaction: an entry rolls back with the change it describes', async () => {
    const actor = organiserActor({ organiserId, name: 'Marta Ruiz', email: 'marta@plenary.test' });
    await data
      .transaction(async (manager) => {
        await audit.record(
          {
            eventId,
            actor,
            action: 'registration.approved',
            subject: { type: 'registration', id: null },
            details: { note: 'rolled back' },
          },
          manager,
        );
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    await data.transaction((manager) =>
      audit.recordMany(
        [
          { eventId, actor, action: 'registrations.exported', subject: { type: 'registrations', id: null }, details: { format: 'csv' } },
          {
            eventId,
            actor: SYSTEM_ACTOR,
            action: 'letter.revoked',
            subject: { type: 'letter', id: eventId },
            details: { changes: { status: { from: 'issued', to: 'revoked' } } },
          },
        ],
        manager,
      ),
    );
    const rows = await db.query(
      `SELECT actor_organiser_id, actor_label, action, subject_type, subject_id, details FROM audit_entries WHERE event_id = $1 ORDER BY action`,
      [eventId],
    );
    expect(rows).toEqual([
      {
        actor_organiser_id: null,
        actor_label: 'Plenary',
        action: 'letter.revoked',
        subject_type: 'letter',
        subject_id: eventId,
        details: { changes: { status: { from: 'issued', to: 'revoked' } } },
      },
      {
        actor_organiser_id: organiserId,
        actor_label: 'Marta Ruiz <marta@plenary.test>',
        action: 'registrations.exported',
        subject_type: 'registrations',
        subject_id: null,
        details: { format: 'csv' },
      },
    ]);
  });

  it('keeps the entry when its actor’s account is deleted, with the label saying who', async () => {
    const [{ id: gone }] = await db.query<{ id: string }>(
      `INSERT INTO organisers (email, name) VALUES ('gone@plenary.test', 'Gone') RETURNING id`,
    );
    await audit.record({
      eventId,
      actor: organiserActor({ organiserId: gone, name: 'Gone', email: 'gone@plenary.test' }),
      action: 'email.sent',
      subject: { type: 'announcement', id: null },
    });
    await db.query(`DELETE FROM organisers WHERE id = $1`, [gone]);
    const rows = await db.query(`SELECT actor_organiser_id, actor_label FROM audit_entries WHERE action = 'email.sent'`);
    expect(rows).toEqual([{ actor_organiser_id: null, actor_label: 'Gone <gone@plenary.test>' }]);
  });
});
