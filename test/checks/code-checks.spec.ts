import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'planted-violations');
const PLANTED = join(FIXTURE, 'src', 'platform', 'platform-thing.ts');
const PLANTED_PEOPLE = join(FIXTURE, 'src', 'people', 'people-thing.ts');
const PLANTED_LONG = join(FIXTURE, 'src', 'platform', 'long-function.ts');
const PLANTED_EVENT_NOTES = join(FIXTURE, 'src', 'events', 'event-notes.service.ts');

function run(tool: string, args: string[], cwd = ROOT) {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', tool), args, { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * `npm test` runs lint, the format check and the dependency rule over the
 * real tree; these show that each of them refuses what it exists to refuse,
 * on a file planted with one violation of each.
 */
describe('the code checks npm test runs', () => {
  it('lint refuses a promise nobody awaits', () => {
    const { status, output } = run('eslint', ['--no-ignore', PLANTED]);
    expect(status).toBe(1);
    expect(output).toContain('@typescript-eslint/no-floating-promises');
  });

  it('lint refuses a DataSource handed to anything but a repository: injected, to a constructor, to a factory, from the container', () => {
    const { status, output } = run('eslint', ['--no-ignore', PLANTED_PEOPLE]);
    expect(status).toBe(1);
    expect(output).toContain('Only a *.repository.ts may inject the DataSource in this module');
    expect(output).toContain('Only a *.repository.ts may be handed the DataSource in this module');
    expect(output).toContain('a factory takes the repository instead');
    expect(output).toContain('take the repository from the container');
  });

  it('lint refuses a TypeORM Repository injected into anything but a repository', () => {
    const { status, output } = run('eslint', ['--no-ignore', PLANTED_EVENT_NOTES]);
    expect(status).toBe(1);
    expect(output).toContain('Only a *.repository.ts may inject a TypeORM Repository in this module');
  });

  it('lint refuses a function longer than 80 lines', () => {
    const { status, output } = run('eslint', ['--no-ignore', PLANTED_LONG]);
    expect(status).toBe(1);
    expect(output).toContain("Function 'longFunction' has too many lines");
    expect(output).toContain('max-lines-per-function');
  });

  it('the format check refuses code Prettier would change', () => {
    const { status, output } = run('prettier', ['--check', '--ignore-path', '', PLANTED]);
    expect(status).toBe(1);
    expect(output).toContain('platform-thing.ts');
  });

  it('the dependency rule refuses platform/ importing a domain module', () => {
    const { status, output } = run('depcruise', ['src', '--config', join(ROOT, '.dependency-cruiser.cjs')], FIXTURE);
    expect(status).not.toBe(0);
    expect(output).toContain('platform-knows-no-domain: src/platform/platform-thing.ts → src/events/event-thing.ts');
  });

  it("the dependency rule refuses a repository mapping another module's entity, and a module using another's repository", () => {
    const { output } = run('depcruise', ['src', '--config', join(ROOT, '.dependency-cruiser.cjs')], FIXTURE);
    expect(output).toContain(
      'repository-maps-only-its-own-tables: src/reminders/reminder-things.repository.ts → src/agenda/session-thing.entity.ts',
    );
    expect(output).toContain('repository-stays-in-its-module: src/web/web-thing.ts → src/reminders/reminder-things.repository.ts');
  });
});
