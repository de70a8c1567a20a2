import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite's files belong to one process: a second Plenary (or the CLI) opening
 * the same directory while a server runs would corrupt them. A pid file with
 * exclusive create guards that; a stale one from a crashed process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'plenary.pid');
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(path, 'utf8'));
    if (holder && holder !== process.pid && isRunning(holder)) {
      throw new Error(
        `${dataDir} is in use by process ${holder}: stop it first (the embedded database serves one process; set DATABASE_URL to share a Postgres)`,
        { cause: error },
      );
    }
    writeFileSync(path, String(process.pid));
  }
  return () => {
    try {
      unlinkSync(path);
    } catch {
      // already gone: nothing to release
    }
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
