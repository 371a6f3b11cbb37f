const { testKinds } = require('./test/support/test-kinds');

/** Tests run TypeScript through swc: fast, and independent of the tsc version (tsc runs separately). */
const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // uuid (under the Parquet writer's thrift) ships only ES modules, which Jest's CommonJS runtime must have compiled.
  transformIgnorePatterns: ['/node_modules/(?!uuid/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

// One project per level of the test pyramid (see test/support/test-kinds.js): `npm test` runs all
// three; `npm run test:unit`, `test:integration` and `test:browser` run one.
const kinds = testKinds();
const project = (displayName, extra = {}) => ({ ...common, displayName, testMatch: kinds[displayName], ...extra });
// Coverage counts the unit project only: integration and browser tests run the handlers inside
// the local system's own process, where jest sees nothing, so they would only count test set-up.
const noCoverage = { coveragePathIgnorePatterns: ['.*'] };

module.exports = {
  projects: [project('unit'), project('integration', noCoverage), project('browser', noCoverage)],
  // The coverage gate (`jest --coverage`, as `npm test` runs it): shared/ must keep 90% of its
  // executable lines covered by unit tests. Istanbul instruments only shared/ as swc compiles it;
  // v8 coverage cost about as much here, but runs the profiler in every worker (integration and
  // browser ones too) and counts comments and types as lines. The threshold names the folder, so it is met by shared/
  // as a whole, not by each file; the summary is four lines, and coverage/coverage-summary.json
  // has each file's figures.
  collectCoverageFrom: ['shared/**/*.ts', '!**/*.d.ts'],
  coverageProvider: 'babel',
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: { './shared/': { lines: 90 } },
  // Starting the local system on a busy 2-core machine can take over a minute; hooks share this limit.
  testTimeout: 180000,
  // Jest's default on a 2-core machine is one worker; most tests wait on emulators, sockets and a
  // browser, so two share the cores well and keep the suite inside its 15 minutes.
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // The longest files first, on a fresh clone too (see the sequencer).
  testSequencer: '<rootDir>/test/support/longest-first.js',
  reporters: ['default', '<rootDir>/test/reporters/summary.js'],
};
