import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { loadConfig } from '../../src/config/app-config';
import { composeSpecSchema } from '../support/compose-spec-schema';

const ROOT = join(__dirname, '..', '..');
const FILES = ['docker-compose.yml', 'docker-compose.sentinel.yml'];

type Service = {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  configs?: Array<{ source: string }>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  stop_grace_period?: string;
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown>; configs?: Record<string, unknown> };

/** Compose reads YAML 1.2 with merge keys (`<<: *anchor`). */
const read = (file: string) => load(readFileSync(join(ROOT, file), 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as Compose;

/** Compose's merge of an override file: mappings key by key, these sequences appended, anything else replaced. */
function merge(base: unknown, override: unknown, key = ''): unknown {
  if (Array.isArray(base) && Array.isArray(override) && ['ports', 'expose', 'volumes', 'configs'].includes(key))
    return [...base, ...override];
  const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isMap(base) || !isMap(override)) return override;
  const result: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(override)) result[name] = name in base ? merge(base[name], value, name) : value;
  return result;
}

/** `${NAME:-default}` as Compose interpolates it when NAME is unset. */
function interpolate(environment: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      String(value).replace(/\$\{[A-Z_]+(?::?-([^}]*))?\}/g, (_, fallback = '') => fallback),
    ]),
  );
}

function durationMs(value: string | undefined): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, ns: 0.000001 };
  let total = 0;
  for (const [, amount, unit] of (value ?? '').matchAll(/(\d+(?:\.\d+)?)(ms|us|ns|h|m|s)/g)) total += Number(amount) * units[unit];
  return total;
}

/** The rules of the Compose Specification a model must keep beyond its schema: references resolve. */
function referenceProblems(model: Compose): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(model.services)) {
    for (const dependency of Object.keys(service.depends_on ?? {})) {
      if (!model.services[dependency]) problems.push(`${name}: depends_on names no service "${dependency}"`);
    }
    for (const volume of service.volumes ?? []) {
      const source = volume.split(':')[0];
      if (!source.startsWith('.') && !source.startsWith('/') && !(model.volumes && source in model.volumes)) {
        problems.push(`${name}: volume "${source}" is not declared under volumes`);
      }
    }
    for (const config of service.configs ?? []) {
      if (!(model.configs && config.source in model.configs))
        problems.push(`${name}: config "${config.source}" is not declared under configs`);
    }
  }
  return problems;
}

describe('the compose files', () => {
  const validate = new Ajv({ allErrors: true }).compile(composeSpecSchema);
  const fleet = read('docker-compose.yml');
  const withSentinel = merge(fleet, read('docker-compose.sentinel.yml')) as Compose;

  it.each(FILES)('%s passes the Compose Specification schema', (file) => {
    const valid = validate(read(file));
    expect({ file, errors: validate.errors ?? [] }).toEqual({ file, errors: [] });
    expect(valid).toBe(true);
  });

  it.each([
    ['the fleet', fleet],
    ['the fleet with Sentinel', withSentinel],
  ])('%s: every dependency, volume and config it names exists, and each Plenary service passes the boot config check', (_name, model) => {
    expect(referenceProblems(model)).toEqual([]);
    for (const name of ['migrate', 'api', 'worker']) {
      expect(() => loadConfig(interpolate(model.services[name].environment))).not.toThrow();
    }
  });

  it('runs a fleet: api replicas behind the balancer, shared materials, drains that fit the grace period, Redis that keeps its keys', () => {
    const { api, worker, balancer, redis } = fleet.services;
    expect(balancer.ports).toEqual(['3000:80']);
    // Replicas of a service cannot share a fixed host port; api and workers publish none.
    expect(api.ports ?? []).toEqual([]);
    expect(worker.ports ?? []).toEqual([]);
    expect(api.environment?.TRUST_PROXY).toBe('1');
    const dataVolume = (service: Service) => service.volumes?.find((volume) => volume.endsWith(':/data'));
    expect(dataVolume(api)).toBe('plenary-data:/data');
    expect(dataVolume(worker)).toBe(dataVolume(api));
    // HTTP drains for 10 s; a worker's SMTP send may take its 60 s socket timeout.
    expect(durationMs(api.stop_grace_period)).toBeGreaterThan(10_000);
    expect(durationMs(worker.stop_grace_period)).toBeGreaterThan(60_000);
    expect(worker.healthcheck?.test).toEqual(['CMD', 'node', 'dist/cli/plenary-cli.js', 'worker-health']);
    for (const server of [redis, withSentinel.services['redis-replica']]) {
      expect(server.command?.join(' ')).toMatch(/--appendonly yes .*--maxmemory-policy noeviction/);
    }
    expect(withSentinel.services.api.environment).toMatchObject({ REDIS_URL: '', REDIS_SENTINEL_NAME: 'plenary' });
  });

  it('builds a final image with production dependencies only: no browser, no dev tools', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    const final = stages[stages.length - 1];
    const buildStage = stages.find((stage) => /^\S+ AS build\b/.test(stage)) ?? '';
    expect(buildStage).toMatch(/npm run build[\s\S]*npm prune --omit=dev/);
    expect(final).toMatch(/COPY --from=build \/app\/node_modules/);
    expect(final).not.toMatch(/npm (ci|install)|playwright|chromium/i);
  });
});
