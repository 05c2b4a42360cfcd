/** @type {import('jest').Config} */
module.exports = {
  displayName: 'widget',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true } } }] },
  moduleNameMapper: { '^@omnichannel/contracts$': '<rootDir>/../../libs/contracts/src/index.ts' },
};
