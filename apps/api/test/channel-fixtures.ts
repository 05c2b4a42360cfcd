import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Real webhook bodies of the seven platforms, captured from other projects' test suites (issue #11): a
 * byte-exact copy of the workspace's shared fixtures, with their sources (SOURCES.md), signature vectors
 * (signatures.md) and send/error responses (outbound.md). Data, not our code: used as they are.
 */
export const CHANNEL_FIXTURES = resolve(__dirname, 'fixtures/channels');

/** The bytes of one fixture, e.g. channelFixture('telegram', 'inbound', 'text.json'). */
export function channelFixture(platform: string, ...path: string[]): Buffer {
  return readFileSync(resolve(CHANNEL_FIXTURES, platform, ...path));
}

/** The file names of one fixture folder, sorted. */
export function channelFixtureNames(platform: string, folder = 'inbound'): string[] {
  return readdirSync(resolve(CHANNEL_FIXTURES, platform, folder)).sort();
}
