/** Jest in ESM mode: NestJS 12 and MikroORM 7 ship ESM only. */
const tsJest = [
  'ts-jest',
  { useESM: true, tsconfig: 'tsconfig.check.json', diagnostics: false },
];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/jobs', '<rootDir>/seeds'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/lint-fixtures/'],
  testTimeout: 60000,
};
