import { DataSource } from 'typeorm';

/** Any fixed number: processes booting together take turns on it. */
const MIGRATION_LOCK = 727_101;

/**
 * Runs pending migrations under an advisory lock, so an api and a worker (or
 * several) starting at once apply each migration exactly once.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const owned = !dataSource.isInitialized;
  if (owned) await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    if (owned) await dataSource.destroy();
  }
}
