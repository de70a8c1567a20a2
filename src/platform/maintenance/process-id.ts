import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Names this process in heartbeats and maintenance leases; unique per process start. */
export const PROCESS_ID = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
