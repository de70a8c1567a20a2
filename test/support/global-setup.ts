import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource } from '../../src/data-source';
import { runMigrations } from '../../src/platform/database/migrate';
import { randomBytes } from 'node:crypto';
import { TEST_DATABASE_URL, databaseUrl } from './test-env';

/**
 * Builds one migrated template database per run; every test file clones it
 * (CREATE DATABASE … TEMPLATE), so files run in parallel on their own data.
 */
export default async function globalSetup(): Promise<void> {
  const template = `plenary_template_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  await runMigrations(createDataSource(databaseUrl(template)));
  // Test workers are started after this and inherit the environment.
  process.env.PLENARY_TEST_TEMPLATE = template;
}
