/**
 * Jest in ESM mode (NestJS 12 and MikroORM 7 ship ESM only), in the three layers of the README's "Tests":
 *   unit     — pure specs beside the code (src/, seeds/, jobs/) and the other specs under test/ that
 *              no layer below takes (test/lint-boundaries): no database, no Redis, no build.
 *   service  — test/services/: services from a Nest application context (no HTTP) on a fresh migrated
 *              SQLite and PostgreSQL database per suite.
 *   int, e2e — test/**\/*.int.spec.ts: the real HTTP app (and built processes from dist/) on real
 *              SQLite, PostgreSQL and Redis; test/e2e/ (and any *.e2e.spec.ts): the web console in Chromium.
 * `jest` runs every project; `jest --selectProjects unit` (npm run test:unit, …) runs one.
 */
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.check.json', diagnostics: false }];

/** What every layer shares; each project adds where its specs are. */
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  rootDir: '.',
};

export default {
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/src', '<rootDir>/seeds', '<rootDir>/jobs', '<rootDir>/test'],
      testMatch: ['**/*.spec.ts', '**/*.test.ts'],
      // every spec the other layers do not take: a pure spec added under test/ is not left out
      testPathIgnorePatterns: [
        '/node_modules/',
        '/dist/',
        '/test/lint-fixtures/',
        '/test/services/',
        '/test/e2e/',
        '/test/.*\\.(int|e2e)\\.spec\\.ts$',
      ],
    },
    {
      ...common,
      displayName: 'service',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/services/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'int',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/**/*.int.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/test/services/', '/test/e2e/'],
    },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts', '<rootDir>/test/**/*.e2e.spec.ts'],
    },
  ],
};
