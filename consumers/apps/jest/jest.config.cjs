// A plain CommonJS Jest 30 project: no transform, jsdom environment.
module.exports = {
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/*.test.cjs'],
  transform: {},
  globalSetup: '<rootDir>/global-setup.cjs',
  globalTeardown: '<rootDir>/global-teardown.cjs',
  testTimeout: 20000,
}
