import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs a statement and returns its rows and affected count whatever the
 * command: TypeORM's `query` answers `[rows, count]` for UPDATE and DELETE but
 * bare rows for SELECT and INSERT.
 */
export async function sql<T = Record<string, unknown>>(
  manager: EntityManager,
  text: string,
  params: unknown[] = [],
): Promise<{ rows: T[]; affected: number }> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(text, params, true);
    return { rows: (result.records ?? []) as T[], affected: result.affected ?? result.records?.length ?? 0 };
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/**
 * One statement straight on the connection pool, outside TypeORM's query
 * runner, for a hot path whose whole transaction is that one statement.
 * Failures are pg's own errors (`code` is the SQLSTATE).
 */
export async function poolQuery<T = Record<string, unknown>>(dataSource: DataSource, text: string, params: unknown[] = []): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return (await pool.query(text, params)).rows as T[];
}
