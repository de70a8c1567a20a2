import type { AppConfig } from '../../config/app-config';
import type { QueueConnection } from './queue-connection';
import { JobName } from './queue-names';
import { QueueWorkersService } from './queue-workers.service';
import { assertEveryJobHandled } from './job-handlers-check';

describe('the boot check that every job has exactly one handler', () => {
  const all = Object.values(JobName);

  it('passes when each job name has its handler', () => {
    expect(() => assertEveryJobHandled('job', all, all)).not.toThrow();
  });

  it('fails naming every job without a handler', () => {
    const handled = all.filter((name) => name !== JobName.Announce && name !== JobName.CompileReport);
    expect(() => assertEveryJobHandled('job', all, handled)).toThrow(
      'Plenary cannot start: no handler for the job "announce", "compile"; each needs a *.processor.ts provider that registers it',
    );
  });

  describe('in the queue workers at boot', () => {
    // An api process starts no Worker, so neither configuration nor connection is reached beyond the role.
    const workers = () => new QueueWorkersService({ role: 'api' } as AppConfig, {} as QueueConnection);
    const handler = () => Promise.resolve();

    it('refuses to boot while a job name has no handler', () => {
      const service = workers();
      for (const name of all.filter((n) => n !== JobName.FanOut)) service.handle(name, handler);
      expect(() => service.onApplicationBootstrap()).toThrow('no handler for the job "fan-out"');
    });

    it('boots once every job name has one, and refuses a second handler for a name', () => {
      const service = workers();
      for (const name of all) service.handle(name, handler);
      expect(() => service.onApplicationBootstrap()).not.toThrow();
      expect(() => service.handle(JobName.SendMail, handler)).toThrow('a handler for job "send" is already registered');
    });
  });
});
