// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist.next/**', 'node_modules/**', 'test-output/**', 'src/web/assets/**', 'coverage/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Promises the event loop would drop on the floor: the bugs type-aware linting exists to catch.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Benchmarks load the compiled server from dist/ at run time, after building it.
    files: ['bench/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The demo and the benchmarks read the API's JSON as any client would: untyped.
    files: ['bench/**/*.ts', 'src/cli/demo*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Every module's tables sit behind its repositories: only a `*.repository.ts`, or platform/database which sets
    // the DataSource up and runs transactions on it, is handed the DataSource or a TypeORM Repository (issue #17).
    files: ['**/src/**/*.ts'],
    ignores: ['**/*.repository.ts', '**/*.spec.ts', '**/src/platform/database/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Decorator[expression.callee.name='InjectDataSource']",
          message: 'Only a *.repository.ts may inject the DataSource in this module; use its repository.',
        },
        {
          selector: "Decorator[expression.callee.name='InjectRepository']",
          message:
            "Only a *.repository.ts may inject a TypeORM Repository in this module; move the statements into the module's repository.",
        },
        {
          selector: "MethodDefinition[kind='constructor'] TSParameterProperty TSTypeReference[typeName.name='DataSource']",
          message: 'Only a *.repository.ts may be handed the DataSource in this module; use its repository.',
        },
        {
          selector: "Property[key.name='inject'] > ArrayExpression > Identifier[name='DataSource']",
          message: 'Only a *.repository.ts may be handed the DataSource in this module; a factory takes the repository instead.',
        },
        {
          selector: "CallExpression[callee.property.name='get'] > Identifier.arguments[name='DataSource']",
          message: 'Only a *.repository.ts may be handed the DataSource in this module; take the repository from the container.',
        },
      ],
    },
  },
  {
    // A long function does several things: one function a step. Specs are left out, as a describe block is long by nature.
    files: ['**/src/**/*.ts', 'bench/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  prettier,
);
