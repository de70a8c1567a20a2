/**
 * The layering of ../shared/design.md: platform knows no domain; auth knows no
 * event; events ← audit ← people ← agenda ← presenters, registration ← surveys ←
 * reminders, reports ← web; certificates sit beside reminders and reports
 * (downstream of registration and agenda, upstream of web); registration ← letters ← web.
 * An upstream module never imports a downstream one.
 * `npm test` runs this (npm run lint:deps).
 */
const DOMAIN = 'auth|events|audit|people|agenda|presenters|registration|surveys|reminders|reports|certificates|letters|web|cli';

/** Each module and the modules downstream of it, which it must not import. */
const DOWNSTREAM = {
  events: 'audit|people|agenda|presenters|registration|surveys|reminders|reports|certificates|letters|web|cli',
  audit: 'people|agenda|presenters|registration|surveys|reminders|reports|certificates|letters|web|cli',
  people: 'agenda|presenters|registration|surveys|reminders|reports|certificates|letters|web|cli',
  agenda: 'presenters|registration|surveys|reminders|reports|certificates|letters|web|cli',
  presenters: 'registration|surveys|reminders|reports|certificates|letters|web|cli',
  registration: 'presenters|surveys|reminders|reports|certificates|letters|web|cli',
  surveys: 'presenters|reminders|reports|certificates|letters|web|cli',
  reminders: 'reports|certificates|letters|web|cli',
  reports: 'reminders|certificates|letters|web|cli',
  certificates: 'presenters|reminders|reports|letters|web|cli',
  letters: 'presenters|surveys|reminders|reports|certificates|web|cli',
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
      name: 'repository-maps-only-its-own-tables',
      comment:
        "A repository maps its own module's entities; another module's table is read through that module's service. " +
        'A type is only a shape, so `import type` passes. The one exception reads the event and its questions in one ' +
        'statement, because the registration statement checks the digest of exactly that read.',
      severity: 'error',
      from: { path: '^src/([^/]+)/.+\\.repository\\.ts$', pathNot: '^src/registration/registration-forms\\.repository\\.ts$' },
      to: { path: '\\.entity\\.ts$', pathNot: '^src/$1/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'repository-stays-in-its-module',
      comment: "Only its own module uses a repository; other modules go through the module's exported service (design.md).",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '\\.repository\\.ts$', pathNot: '^src/$1/' },
    },
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
