import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { createDataSource } from '../data-source';
import { runMigrations } from '../platform/database/migrate';
import { openDatabaseUrl } from './database-url';

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'src', 'platform', 'database', 'migrations');

/**
 * `npm run migration:run | migration:revert | migration:generate -- <Name>`,
 * against DATABASE_URL or, without it, the embedded database.
 */
async function main(command: string | undefined, name: string | undefined): Promise<void> {
  const database = await openDatabaseUrl(loadConfig());
  const dataSource = createDataSource(database.url);
  try {
    if (command === 'run') {
      const applied = await runMigrations(dataSource);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
    } else if (command === 'revert') {
      await dataSource.initialize();
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate -- <PascalCaseName>');
      await runMigrations(dataSource);
      await dataSource.initialize();
      const pending = await dataSource.driver.createSchemaBuilder().log();
      if (pending.upQueries.length === 0) {
        console.log('the entities match the migrations: nothing to generate');
        return;
      }
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const quote = (q: { query: string; parameters?: unknown[] }) =>
        `    await queryRunner.query(\`${q.query.replace(/`/g, '\\`')}\`${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`;
      const file = join(MIGRATIONS_DIR, `${timestamp}-${name}.ts`);
      writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${pending.upQueries.map(quote).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${pending.downQueries.reverse().map(quote).join('\n')}
  }
}
`,
      );
      console.log(`wrote ${file}\nreview its SQL, then add ${className} to src/platform/database/migrations/index.ts`);
    } else {
      throw new Error('usage: migrations-cli run | revert | generate <Name>');
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
  }
}

main(process.argv[2], process.argv[3]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
