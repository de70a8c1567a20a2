import type { Server } from 'node:http';

/**
 * Lets a shutdown finish while browsers poll. Node goes on serving requests
 * on a busy keep-alive connection after `server.close()`, so a page that polls
 * (the queue dashboard, a report's progress bar) would hold the close open for
 * ever. From here on every response closes its connection, idle connections
 * close at once, and whatever is still open after `graceMs` is cut.
 */
export function drainConnections(server: Server, graceMs = 10_000): void {
  server.prependListener('request', (_request, response) => {
    response.shouldKeepAlive = false;
  });
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), graceMs).unref();
}
