import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '..', '..');

/** Environment without the outer runtime's services, so a child picks only what a test gives it. */
export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of Object.keys(base)) {
    if (/^(DATABASE_URL|REDIS_URL|SMTP_URL|QUEUE_|PLENARY_|PORT$|PUBLIC_URL|MAIL_FROM|MIGRATIONS_RUN)/.test(name)) delete base[name];
  }
  return { ...base, ...env };
}

/** Plenary as a real OS process, from the build in dist/ (npm test builds first). */
export class PlenaryProcess {
  readonly output: string[] = [];
  private child: ChildProcess | null = null;
  private exit: Promise<number | null> | null = null;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly script = 'dist/main.js',
    private readonly args: string[] = [],
  ) {}

  start(): this {
    const child = spawn(process.execPath, [this.script, ...this.args], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Whole lines only: a pipe's chunk may end mid-line, and half a JSON log line cannot be parsed.
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => line && this.output.push(line));
    }
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
    return this;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get text(): string {
    return this.output.join('\n');
  }

  /** The HTTP address from the "Plenary started" log line. */
  async url(timeoutMs = 60_000): Promise<string> {
    return waitFor(
      'Plenary to log that it started',
      () => {
        for (const line of this.output) {
          if (!line.startsWith('{')) continue;
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'Plenary started' && entry.url) return entry.url;
        }
        if (this.child?.exitCode !== null) throw new Error(`process exited:\n${this.text}`);
        return null;
      },
      timeoutMs,
      25,
    );
  }

  finished(): Promise<number | null> {
    return this.exit ?? Promise.resolve(null);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.finished();
  }
}
