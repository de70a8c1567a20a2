/**
 * The layering of ../shared/design.md: platform knows no domain; auth knows no
 * event; events ← people ← agenda ← presenters, registration ← reminders,
 * reports ← web; registration ← letters ← web. An upstream module never imports a downstream one.
 * `npm test` runs this (npm run lint:deps).
 */
const DOMAIN = 'auth|events|people|agenda|presenters|registration|reminders|reports|letters|web|cli';

/** Each module and the modules downstream of it, which it must not import. */
const DOWNSTREAM = {
  events: 'people|agenda|presenters|registration|reminders|reports|letters|web|cli',
  people: 'agenda|presenters|registration|reminders|reports|letters|web|cli',
  agenda: 'presenters|registration|reminders|reports|letters|web|cli',
  presenters: 'registration|reminders|reports|letters|web|cli',
  registration: 'presenters|reminders|reports|letters|web|cli',
  reminders: 'reports|letters|web|cli',
  reports: 'reminders|letters|web|cli',
  letters: 'presenters|reminders|reports|web|cli',
  web: 'cli',
};

module.exports = {
  forbidden: [
    {
      name: 'platform-knows-no-domain',
      comment: 'platform/ is infrastructure: it may not import a domain module (move what it needs into platform/).',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: `^src/(${DOMAIN})/` },
    },
    {
      name: 'config-knows-no-domain',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: `^src/(${DOMAIN}|platform)/` },
    },
    {
      name: 'auth-knows-no-event',
      comment: 'auth/ serves every module, so it may use only platform/ and config/.',
      severity: 'error',
      from: { path: '^src/auth/' },
      to: { path: `^src/(${DOMAIN.replace('auth|', '')})/` },
    },
    ...Object.entries(DOWNSTREAM).map(([module, downstream]) => ({
      name: `${module}-imports-no-downstream-module`,
      comment: `${module}/ announces changes as domain events instead of importing ${downstream.split('|').join(', ')}.`,
      severity: 'error',
      from: { path: `^src/${module}/` },
      to: { path: `^src/(${downstream})/` },
    })),
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.spec\\.ts$' },
  },
};
