/** @type {import('jest').Config} */
module.exports = {
  displayName: 'operator',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }] },
  moduleNameMapper: { '^@omnichannel/contracts$': '<rootDir>/../../libs/contracts/src/index.ts' },
};
