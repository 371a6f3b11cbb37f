/** Tests run TypeScript through swc: fast, and independent of the tsc version (tsc runs separately). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // uuid (under the Parquet writer's thrift) ships only ES modules, which Jest's CommonJS runtime must have compiled.
  transformIgnorePatterns: ['/node_modules/(?!uuid/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  reporters: ['default', '<rootDir>/test/reporters/summary.js'],
};
