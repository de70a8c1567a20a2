import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { insertOrganiser, replacePassword } from '../auth/organiser-accounts';
import { loadConfig } from '../config/app-config';
import { createDataSource } from '../data-source';
import { runMigrations } from '../platform/database/migrate';
import { openDatabaseUrl } from './database-url';

const USAGE = `usage:
  npm run cli -- create-organiser --email <address> --name <name> [--admin] [--password <password>]
  npm run cli -- reset-password --email <address> [--password <password>]
Without --password a password is generated and printed once.`;

/** Account chores from the shell, against DATABASE_URL or the embedded database. */
async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      admin: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (!values.email || (command !== 'create-organiser' && command !== 'reset-password')) throw new Error(USAGE);
  if (values.password !== undefined && values.password.length < 10) throw new Error('--password needs at least 10 characters');
  const password = values.password ?? randomBytes(12).toString('base64url');
  const database = await openDatabaseUrl(loadConfig());
  const dataSource = createDataSource(database.url);
  try {
    await runMigrations(dataSource);
    await dataSource.initialize();
    if (command === 'create-organiser') {
      if (!values.name) throw new Error(USAGE);
      const id = await insertOrganiser(dataSource.manager, { email: values.email, name: values.name, password, isAdmin: values.admin });
      if (!id) throw new Error(`an organiser account with the address ${values.email} already exists`);
      console.log(`created ${values.admin ? 'administrator' : 'organiser'} ${values.email.toLowerCase()}`);
    } else {
      const id = await replacePassword(dataSource.manager, values.email, password);
      if (!id) throw new Error(`no organiser account has the address ${values.email}`);
      console.log(`password of ${values.email.toLowerCase()} replaced; its logins have ended`);
    }
    if (!values.password) console.log(`password: ${password}`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
