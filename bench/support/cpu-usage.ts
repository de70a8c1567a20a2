import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/** Linux reports process times in clock ticks; 100 per second on every kernel these benches run on. */
const TICKS_PER_SECOND = 100;

/** User + system CPU of one process in ms, from /proc; 0 for a process that is gone. */
export function processCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU ms of the Postgres backends serving one database, keyed by pid. */
export async function postgresBackendsCpuMs(admin: Client, database: string): Promise<Map<number, number>> {
  const rows = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [database]);
  return new Map(rows.rows.map(({ pid }) => [pid, processCpuMs(pid)]));
}

/** The CPU ms the backends spent between two readings (a backend born in between counts whole). */
export function postgresCpuSpentMs(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/** The Redis server's own CPU (user + system) in ms, from INFO: the whole server, other clients included. */
export async function redisCpuMs(url: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    const info = await redis.info('cpu');
    const read = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    return (read('used_cpu_user') + read('used_cpu_sys')) * 1000;
  } finally {
    redis.disconnect();
  }
}
