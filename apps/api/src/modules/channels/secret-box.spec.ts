import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '../../config/env.schema';
import { loadSecretsKey, SECRETS_KEY_FILE, SecretBox, SecretsUnreadableError } from './secret-box';

/** Issue #11 point 4: channel secrets encrypted at rest. */
describe('SecretBox', () => {
  const box = SecretBox.withKey(Buffer.alloc(32, 7));
  const secrets = { botToken: '123456:AAH-real-looking-token', webhookSecret: 's3cr3t_Token-1' };

  it('open what it sealed; the sealed text holds no secret and differs every time', () => {
    const sealed = box.seal(secrets);
    expect(box.open(sealed)).toEqual(secrets);
    expect(sealed).toMatch(/^v1\.[\w-]+$/);
    expect(sealed).not.toContain('AAH');
    expect(box.seal(secrets)).not.toBe(sealed);
  });

  it('refuse a changed byte, another key, a cut value and an unknown version, with a clear message', () => {
    const sealed = box.seal(secrets);
    const changed = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => box.open(changed)).toThrow(SecretsUnreadableError);
    expect(() => SecretBox.withKey(Buffer.alloc(32, 8)).open(sealed)).toThrow(/CHANNEL_SECRETS_KEY/);
    expect(() => box.open('v1.AAAA')).toThrow(/cut short/);
    expect(() => box.open(`v9.${sealed.slice(3)}`)).toThrow(/format/);
  });

  it('a key is 32 bytes', () => {
    expect(() => SecretBox.withKey(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('loadSecretsKey', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'omni-secrets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generate a key into DATA_DIR once, readable by this user only, and read the same one again', () => {
    const first = loadSecretsKey({ DATA_DIR: join(dir, 'data') });
    const file = join(dir, 'data', SECRETS_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecretsKey({ DATA_DIR: join(dir, 'data') }).equals(first)).toBe(true);
    expect(first).toHaveLength(32);
  });

  it('prefer CHANNEL_SECRETS_KEY, as base64 or hex, and write no file', () => {
    const key = Buffer.alloc(32, 3);
    expect(loadSecretsKey({ DATA_DIR: dir, CHANNEL_SECRETS_KEY: key.toString('base64') }).equals(key)).toBe(true);
    expect(loadSecretsKey({ DATA_DIR: dir, CHANNEL_SECRETS_KEY: key.toString('hex') }).equals(key)).toBe(true);
    expect(() => readFileSync(join(dir, SECRETS_KEY_FILE))).toThrow();
  });

  it('refuse a damaged key file rather than make a new key over it', () => {
    writeFileSync(join(dir, SECRETS_KEY_FILE), 'not a key\n');
    expect(() => loadSecretsKey({ DATA_DIR: dir })).toThrow(/does not hold a 32-byte key/);
  });

  it('the environment refuses a key of the wrong size at boot, naming the key', () => {
    expect(() => parseEnv({ CHANNEL_SECRETS_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/CHANNEL_SECRETS_KEY/);
    expect(parseEnv({ CHANNEL_SECRETS_KEY: Buffer.alloc(32, 1).toString('base64') }).CHANNEL_SECRETS_KEY).toBeDefined();
  });
});
