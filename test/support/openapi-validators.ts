import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The validators run as their own Node processes: swagger-parser is an ES
 * module that Jest's CommonJS runtime cannot load, and Redocly ships a CLI.
 */
export async function swaggerParserErrors(file: string): Promise<string | null> {
  const script =
    "require('@apidevtools/swagger-parser').validate(process.argv[1]).then(() => {}, (e) => { console.log(e.message); process.exitCode = 1; })";
  try {
    await run(process.execPath, ['-e', script, file]);
    return null;
  } catch (failure) {
    return (failure as { stdout: string }).stdout || String(failure);
  }
}

export async function redoclyMinimalErrors(file: string): Promise<string[]> {
  const cli = require.resolve('@redocly/cli/bin/cli.js');
  const { stdout } = await run(process.execPath, [cli, 'lint', '--extends=minimal', '--format=json', file], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch((failure: { stdout: string }) => failure);
  const { problems } = JSON.parse(stdout) as { problems: Array<{ severity: string; ruleId: string; message: string; location: unknown }> };
  return problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${JSON.stringify(p.location)}`);
}
