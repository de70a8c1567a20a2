import { ConfigError, loadConfig } from './app-config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('defaults to the embedded runtime: all roles, Postgres-backed queue, mail to files under the data dir', () => {
    const config = loadConfig({ PLENARY_DATA_DIR: '/srv/plenary' });
    expect(config.role).toBe('all');
    expect(config.database.embedded).toBe(true);
    expect(config.queue.backend).toBe('postgres');
    expect(config.mail.fileDir).toBe('/srv/plenary/mail');
    expect(config.materials.maxBytes).toBe(100 * 1024 * 1024);
    expect(config.http.rateLimitPerMinute).toBe(60);
  });

  it('picks Redis when REDIS_URL is set, unless QUEUE_BACKEND says postgres', () => {
    const services = { DATABASE_URL: 'postgres://db/plenary', REDIS_URL: 'redis://cache:6379' };
    expect(loadConfig(services).queue.backend).toBe('redis');
    expect(loadConfig({ ...services, QUEUE_BACKEND: 'postgres' }).queue.backend).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/plenary' }).queue.backend).toBe('postgres');
  });

  it('names the variable and what it expected', () => {
    const problems = problemsOf({ PLENARY_ROLE: 'cook', PORT: 'eighty', SMTP_URL: 'mail.example.org', MIGRATIONS_RUN: 'maybe' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PLENARY_ROLE: expected all, api or worker/),
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^SMTP_URL: expected a URL starting with smtp:\/\/ or smtps:\/\//),
        expect.stringMatching(/^MIGRATIONS_RUN: expected true or false/),
      ]),
    );
  });

  it('refuses the api and worker roles without DATABASE_URL, since the embedded database serves one process', () => {
    expect(problemsOf({ PLENARY_ROLE: 'worker', PUBLIC_URL: 'https://events.example.org' })).toEqual([
      expect.stringMatching(/PLENARY_ROLE=worker needs DATABASE_URL/),
    ]);
  });

  it.each(['api', 'worker'])('refuses PLENARY_ROLE=%s without PUBLIC_URL, since its links cannot follow a port it serves', (role) => {
    expect(problemsOf({ PLENARY_ROLE: role, DATABASE_URL: 'postgres://db/plenary' })).toEqual([
      expect.stringMatching(new RegExp(`^PLENARY_ROLE=${role} needs PUBLIC_URL`)),
    ]);
  });

  it('takes links from the port served in the all role when PUBLIC_URL is unset, and from PUBLIC_URL when set', () => {
    expect(loadConfig({ PORT: '4120' })).toMatchObject({ publicUrl: 'http://localhost:4120', publicUrlFollowsPort: true });
    expect(loadConfig({ PORT: '4120', PUBLIC_URL: 'https://events.example.org/' })).toMatchObject({
      publicUrl: 'https://events.example.org',
      publicUrlFollowsPort: false,
    });
  });

  it('refuses QUEUE_BACKEND=redis without REDIS_URL', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/plenary', QUEUE_BACKEND: 'redis' })).toEqual([
      expect.stringMatching(/QUEUE_BACKEND=redis needs REDIS_URL/),
    ]);
  });

  it('treats empty values as unset and reads seconds into milliseconds', () => {
    const config = loadConfig({ DATABASE_URL: '', PLENARY_MAIL_BACKOFF_SECONDS: '0.5', PLENARY_QUEUE_LOCK_SECONDS: '2' });
    expect(config.database.embedded).toBe(true);
    expect(config.mail.backoffBaseMs).toBe(500);
    expect(config.queue.lockDurationMs).toBe(2000);
  });

  it('selects cluster mode from REDIS_CLUSTER_NODES, with credentials and TLS from the entries', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://db/plenary',
      REDIS_CLUSTER_NODES: 'rediss://app:s%40cret@r1:7000, rediss://app:s%40cret@r2:7001',
    });
    expect(config.queue.backend).toBe('redis');
    expect(config.queue.redis).toEqual({
      mode: 'cluster',
      nodes: [
        { host: 'r1', port: 7000, username: 'app', password: 's@cret', tls: true },
        { host: 'r2', port: 7001, username: 'app', password: 's@cret', tls: true },
      ],
    });
  });

  it('selects Sentinel from REDIS_SENTINELS with its master name and the Sentinels own password', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://db/plenary',
      REDIS_SENTINELS: 's1:26379,s2:26379',
      REDIS_SENTINEL_NAME: 'plenary',
      REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
    });
    expect(config.queue.redis).toEqual({
      mode: 'sentinel',
      masterName: 'plenary',
      sentinelPassword: 'sentinel-secret',
      sentinels: [
        { host: 's1', port: 26379, username: undefined, password: undefined, tls: false },
        { host: 's2', port: 26379, username: undefined, password: undefined, tls: false },
      ],
    });
  });

  it('refuses two Redis modes at once, Sentinels without a master name, and malformed entries', () => {
    const services = { DATABASE_URL: 'postgres://db/plenary' };
    expect(problemsOf({ ...services, REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'r:7000' })).toEqual([
      expect.stringMatching(/REDIS_URL and REDIS_CLUSTER_NODES: set only one/),
    ]);
    expect(problemsOf({ ...services, REDIS_SENTINELS: 's1:26379' })).toEqual([
      expect.stringMatching(/REDIS_SENTINELS needs REDIS_SENTINEL_NAME/),
    ]);
    expect(problemsOf({ ...services, REDIS_SENTINEL_NAME: 'plenary' })).toEqual([
      expect.stringMatching(/REDIS_SENTINEL_NAME needs REDIS_SENTINELS/),
    ]);
    expect(problemsOf({ ...services, REDIS_CLUSTER_NODES: 'r1:7000,r2' })).toEqual([
      expect.stringMatching(/^REDIS_CLUSTER_NODES: "r2" is not host:port/),
    ]);
    expect(problemsOf({ ...services, REDIS_CLUSTER_NODES: 'redis://r1:7000,rediss://r2:7000' })).toEqual([
      expect.stringMatching(/^REDIS_CLUSTER_NODES: expected every entry with the same scheme and credentials/),
    ]);
  });

  it('refuses a hash-tagged QUEUE_PREFIX, saying cluster mode tags each queue itself', () => {
    expect(problemsOf({ QUEUE_PREFIX: '{plenary}' })).toEqual([
      expect.stringMatching(/^QUEUE_PREFIX: expected no braces: with REDIS_CLUSTER_NODES/),
    ]);
  });

  it('reads TRUST_PROXY as Express does: a boolean, a hop count or addresses and subnets', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1' }).http.trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
    expect(problemsOf({ TRUST_PROXY: 'the-balancer' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY: expected true, false, a hop count.*the-balancer/),
    ]);
  });
});
