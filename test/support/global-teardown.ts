import { Client } from 'pg';
import { TEST_DATABASE_URL } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.PLENARY_TEST_TEMPLATE;
  if (!template) return;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
