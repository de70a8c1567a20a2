/** Plenary's HTTP API as the demo calls it, and the waiting it does between calls. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} answered ${status}: ${body.slice(0, 500)}`);
  }
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  raw?: { contentType: string; data: Buffer | string };
  expect?: number[];
}

export class Api {
  constructor(readonly base: string) {}

  async call<T = any>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<{ status: number; body: T; text: string; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | Buffer | undefined;
    if (options.raw) {
      headers['content-type'] = options.raw.contentType;
      payload = options.raw.data;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.body);
    }
    const response = await fetch(`${this.base}${path}`, { method, headers, body: payload });
    const text = await response.text();
    const expected = options.expect ?? [200, 201, 202, 204];
    if (!expected.includes(response.status)) throw new HttpError(response.status, text, `${method} ${path}`);
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, body: (isJson && text ? JSON.parse(text) : text) as T, text, headers: response.headers };
  }

  async json<T = any>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    return (await this.call<T>(method, path, options)).body;
  }
}

export async function pool<T>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
  onDone?: (done: number, total: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
      done += 1;
      onDone?.(done, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
