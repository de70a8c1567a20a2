import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource } from '../../src/data-source';
import { runMigrations } from '../../src/platform/database/migrate';
import { TEMPLATE_DATABASE, TEST_DATABASE_URL, databaseUrl } from './test-env';

/**
 * Builds one migrated template database per run; every test file clones it
 * (CREATE DATABASE … TEMPLATE), so files run in parallel on their own data.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await runMigrations(createDataSource(databaseUrl(TEMPLATE_DATABASE)));
}
