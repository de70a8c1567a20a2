import { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from '../platform/database/embedded-postgres';

/** The configured database, or the embedded one under the data dir (started for the command). */
export async function openDatabaseUrl(config: AppConfig): Promise<{ url: string; close(): Promise<void> }> {
  if (!config.database.embedded) return { url: config.database.url as string, close: async () => undefined };
  const embedded = await startEmbeddedPostgres(config.dataDir);
  return { url: embedded.url, close: () => embedded.stop() };
}
