// Jest runs the TypeScript sources as native ES modules (NestJS 12 ships ESM only),
// compiled by SWC with decorator metadata (see docs/architecture.md). Two suites:
// `JEST_SUITE=unit` (src/ and seeds/ *.spec.ts) and `JEST_SUITE=e2e` (test/*.e2e-spec.ts).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

const suites = {
  unit: { ...common, displayName: 'unit', roots: ['<rootDir>/src', '<rootDir>/seeds', '<rootDir>/bench', '<rootDir>/web/src'], testMatch: ['**/*.spec.ts'] },
  e2e: {
    ...common,
    displayName: 'e2e',
    roots: ['<rootDir>/test'],
    testMatch: ['**/*.e2e-spec.ts'],
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    testTimeout: 60000,
  },
};

const suite = process.env.JEST_SUITE;
if (!(suite in suites)) throw new Error('set JEST_SUITE to unit or e2e (npm run test:unit / npm run test:e2e)');
export default suites[suite];
