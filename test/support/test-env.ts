/** Where tests reach Postgres and Redis (design.md); overridable for other setups. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Set by global-setup for the whole run, so concurrent runs never share a template. */
export function templateDatabase(): string {
  const name = process.env.PLENARY_TEST_TEMPLATE;
  if (!name) throw new Error('PLENARY_TEST_TEMPLATE is unset: run the tests through jest, whose globalSetup creates it');
  return name;
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
