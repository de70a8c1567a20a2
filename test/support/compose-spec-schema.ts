/**
 * The part of the Compose Specification's JSON schema
 * (https://github.com/compose-spec/compose-spec, schema/compose-spec.json) that
 * Plenary's compose files use, written out here because the schema is not
 * shipped in any package: top-level sections, and for services the keys, their
 * types, the enums (restart, depends_on conditions) and the duration format.
 * Keys outside this subset are refused rather than passed, and `x-` extension
 * keys are allowed where the spec allows them.
 */
const duration = { type: 'string', pattern: '^((\\d+(\\.\\d+)?)(h|m|s|ms|us|ns))+$' };
const stringOrList = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const mapOfScalars = {
  type: 'object',
  patternProperties: { '.+': { type: ['string', 'number', 'boolean', 'null'] } },
  additionalProperties: false,
};
const listOrMap = { oneOf: [mapOfScalars, { type: 'array', items: { type: 'string' }, uniqueItems: true }] };
const extensions = { '^x-': {} };

const healthcheck = {
  type: 'object',
  properties: {
    disable: { type: 'boolean' },
    test: stringOrList,
    interval: duration,
    timeout: duration,
    start_period: duration,
    start_interval: duration,
    retries: { type: 'integer', minimum: 0 },
  },
  patternProperties: extensions,
  additionalProperties: false,
};

const dependsOn = {
  oneOf: [
    { type: 'array', items: { type: 'string' }, uniqueItems: true },
    {
      type: 'object',
      patternProperties: {
        '^[a-zA-Z0-9._-]+$': {
          type: 'object',
          properties: {
            condition: { enum: ['service_started', 'service_healthy', 'service_completed_successfully'] },
            restart: { type: 'boolean' },
            required: { type: 'boolean' },
          },
          required: ['condition'],
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  ],
};

const fileReference = {
  oneOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: {
        source: { type: 'string' },
        target: { type: 'string' },
        uid: { type: 'string' },
        gid: { type: 'string' },
        mode: { type: 'number' },
      },
      required: ['source'],
      additionalProperties: false,
    },
  ],
};

const service = {
  type: 'object',
  properties: {
    image: { type: 'string' },
    build: {
      oneOf: [
        { type: 'string' },
        {
          type: 'object',
          properties: { context: { type: 'string' }, dockerfile: { type: 'string' }, target: { type: 'string' } },
          additionalProperties: false,
        },
      ],
    },
    command: { oneOf: [{ type: 'null' }, stringOrList] },
    entrypoint: { oneOf: [{ type: 'null' }, stringOrList] },
    environment: listOrMap,
    env_file: stringOrList,
    ports: { type: 'array', items: { oneOf: [{ type: 'string', pattern: '^[0-9.:\\-/a-z]+$' }, { type: 'number' }] }, uniqueItems: true },
    expose: { type: 'array', items: { type: ['string', 'number'] }, uniqueItems: true },
    volumes: { type: 'array', items: { type: 'string', pattern: '^[^:]+:/[^:]*(:(ro|rw))?$' }, uniqueItems: true },
    configs: { type: 'array', items: fileReference },
    depends_on: dependsOn,
    healthcheck,
    deploy: {
      type: 'object',
      properties: { replicas: { type: 'integer', minimum: 0 } },
      patternProperties: extensions,
      additionalProperties: false,
    },
    stop_grace_period: duration,
    restart: { enum: ['no', 'always', 'on-failure', 'unless-stopped'] },
  },
  patternProperties: extensions,
  additionalProperties: false,
};

export const composeSpecSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' },
    services: { type: 'object', patternProperties: { '^[a-zA-Z0-9._-]+$': service }, additionalProperties: false },
    volumes: {
      type: 'object',
      patternProperties: {
        '^[a-zA-Z0-9._-]+$': {
          oneOf: [
            { type: 'null' },
            { type: 'object', properties: { driver: { type: 'string' }, external: { type: 'boolean' } }, additionalProperties: false },
          ],
        },
      },
      additionalProperties: false,
    },
    configs: {
      type: 'object',
      patternProperties: {
        '^[a-zA-Z0-9._-]+$': {
          type: 'object',
          properties: {
            file: { type: 'string' },
            content: { type: 'string' },
            environment: { type: 'string' },
            external: { type: 'boolean' },
          },
          minProperties: 1,
          maxProperties: 1,
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  },
  patternProperties: extensions,
  additionalProperties: false,
};
