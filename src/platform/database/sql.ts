import { EntityManager } from 'typeorm';

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
