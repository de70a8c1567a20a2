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
    files: ['bench/**/*.ts', 'src/cli/demo.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Modules whose tables sit behind a repository: only their `*.repository.ts` is handed the DataSource.
    // Add a module here once its services use repositories; one entry per line so parallel additions merge cleanly.
    // prettier-ignore
    files: [
      '**/src/people/**/*.ts',
      '**/src/auth/**/*.ts',
      '**/src/events/**/*.ts',
      '**/src/presenters/**/*.ts',
      '**/src/reminders/**/*.ts',
      '**/src/reports/**/*.ts',
      '**/src/agenda/**/*.ts',
      '**/src/letters/**/*.ts',
    ],
    ignores: ['**/*.repository.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Decorator[expression.callee.name='InjectDataSource']",
          message: 'Only a *.repository.ts may inject the DataSource in this module; use its repository.',
        },
        {
          selector: "MethodDefinition[kind='constructor'] TSParameterProperty TSTypeReference[typeName.name='DataSource']",
          message: 'Only a *.repository.ts may be handed the DataSource in this module; use its repository.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  prettier,
);
