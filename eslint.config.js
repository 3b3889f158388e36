// @ts-check
/**
 * ESLint 9 flat config: type-aware typescript-eslint for every TypeScript file in
 * tsconfig.json (src, test, bench, scripts), import cycles, and the layer boundaries of
 * docs/ARCHITECTURE.md. Run with `npm run lint`.
 */
const js = require('@eslint/js');
const { defineConfig, globalIgnores } = require('eslint/config');
const importPlugin = require('eslint-plugin-import');
const globals = require('globals');
const tseslint = require('typescript-eslint');

const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts'];

/** Database packages: only src/graph/ may import them (types included). `@grafeo-db/*` covers `@grafeo-db/js`. */
const DRIVERS = [
  { name: 'neo4j-driver', message: 'Only src/graph/ talks to a database; go through the graph engine port.' },
];
const DRIVER_PATTERNS = [
  {
    group: ['neo4j-driver/*', 'neo4j-driver-*', '@grafeo-db/*'],
    message: 'Only src/graph/ talks to a database; go through the graph engine port.',
  },
];

/** GraphQL packages: the domain is transport-free. */
const GRAPHQL_MESSAGE = 'src/domain/ has no GraphQL: map to and from GraphQL types in src/api/.';
const GRAPHQL = ['graphql', 'type-graphql', '@apollo/server', 'graphql-scalars', 'graphql-ws'].map((name) => ({
  name,
  message: GRAPHQL_MESSAGE,
}));
const GRAPHQL_PATTERNS = [
  { group: ['graphql/*', 'type-graphql/*', '@apollo/server/*', 'graphql-scalars/*', 'graphql-ws/*'], message: GRAPHQL_MESSAGE },
];

module.exports = defineConfig([
  globalIgnores([
    'dist/',
    'node_modules/',
    'coverage/',
    'data/',
    'bench/results/',
    'test/generated/',
    'src/**/generated/',
  ]),

  // Every JavaScript file (this file, jest.config.js): CommonJS on Node, no type information.
  {
    name: 'xrm/javascript',
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },

  // Every TypeScript file: type-aware rules through the project service (tsconfig.json).
  {
    name: 'xrm/typescript',
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    plugins: { import: importPlugin },
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
    },
    settings: {
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.mts', '.cts'] },
      'import/resolver': { node: { extensions: ['.ts', '.mts', '.cts', '.js', '.json', '.d.ts'] } },
      'import/extensions': ['.ts', '.mts', '.cts', '.js'],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // With emitDecoratorMetadata on (tsconfig.json), typescript-eslint reads the
      // compiler options through the project service and leaves files with decorators
      // alone, so a class used as a decorated field or parameter type keeps its runtime
      // import (type-graphql needs it for design:type metadata).
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: true },
      ],
      // `_`-prefixed names are deliberately unused (type-graphql `@Root() _parent`, `(_m, key)`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `x!` expressions are banned in product code; `field!: T` on type-graphql classes
      // is a definite-assignment assertion and is not affected.
      '@typescript-eslint/no-non-null-assertion': 'error',
      // Type-only imports are not runtime cycles and are ignored by the rule.
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },

  // Layer boundaries (docs/ARCHITECTURE.md), checked on resolved paths.
  {
    name: 'xrm/layers/paths',
    files: ['src/**/*.ts'],
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          basePath: __dirname,
          zones: [
            {
              target: './src/graph',
              from: ['./src/api', './src/domain', './src/events', './src/auth'],
              message: 'src/graph/ sits below every other layer: it may not import api, domain, events or auth.',
            },
            {
              target: './src/domain',
              from: './src/api',
              message: 'src/domain/ may not import src/api/: services know nothing of GraphQL.',
            },
            {
              target: './src/config',
              from: './src',
              except: ['./config'],
              message: 'src/config/ is the bottom layer: it imports nothing else from src/.',
            },
          ],
        },
      ],
    },
  },
  // Package boundaries. Later blocks replace the options of earlier ones for the same
  // files, so each block lists everything its layer may not import.
  {
    name: 'xrm/layers/drivers',
    files: ['src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: DRIVERS, patterns: DRIVER_PATTERNS }] },
  },
  {
    name: 'xrm/layers/graph',
    files: ['src/graph/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    name: 'xrm/layers/domain',
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...DRIVERS, ...GRAPHQL], patterns: [...DRIVER_PATTERNS, ...GRAPHQL_PATTERNS] },
      ],
    },
  },

  // Tests: still type-aware, but JSON bodies are `any`, jest matchers take unbound
  // methods, fakes of async ports are `async` without awaiting, and a `!` after a
  // lookup the test just asserted is fine. Tests may import the drivers (harness, clean-up).
  {
    name: 'xrm/tests',
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
]);
