import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { secretsKeyBytes } from '../../config/env.schema';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that does not open: another key, or changed bytes. Said plainly, never with the value. */
export class SecretsUnreadableError extends Error {}

/**
 * Channel secrets at rest (issue #11 point 4): AES-256-GCM with a random nonce per value, so the database
 * (and its backups) hold only `v1.<nonce|tag|ciphertext>`; the tag makes a changed byte or another key
 * fail instead of decrypting to garbage.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static withKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('A channel secrets key is 32 bytes');
    return new SecretBox(key);
  }

  seal(secrets: Readonly<Record<string, string>>): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  open(sealed: string): Record<string, string> {
    const [version, payload] = sealed.split('.', 2);
    if (version !== VERSION || !payload) throw new SecretsUnreadableError('The stored channel secrets are not in a format this version reads');
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretsUnreadableError('The stored channel secrets are cut short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      return JSON.parse(plain) as Record<string, string>;
    } catch {
      throw new SecretsUnreadableError(
        'The stored channel secrets cannot be decrypted with this instance\'s key: set CHANNEL_SECRETS_KEY to the key they were saved with (the same on every instance), or enter the credentials again',
      );
    }
  }
}

/** The key file written into DATA_DIR when CHANNEL_SECRETS_KEY is not set. */
export const SECRETS_KEY_FILE = 'channel-secrets.key';

/**
 * CHANNEL_SECRETS_KEY when set; else the key in DATA_DIR, generated on first use (readable by this user
 * only), so a one-machine installation needs no configuration.
 */
export function loadSecretsKey(config: { CHANNEL_SECRETS_KEY?: string; DATA_DIR: string }): Buffer {
  if (config.CHANNEL_SECRETS_KEY) {
    const key = secretsKeyBytes(config.CHANNEL_SECRETS_KEY);
    if (!key) throw new Error('CHANNEL_SECRETS_KEY must be 32 bytes as base64 or 64 hex digits');
    return key;
  }
  const file = join(config.DATA_DIR, SECRETS_KEY_FILE);
  try {
    const key = secretsKeyBytes(readFileSync(file, 'utf8'));
    if (!key) throw new Error(`${file} does not hold a 32-byte key; restore it, or remove it to make a new one (secrets saved with the old key must be entered again)`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const key = randomBytes(32);
  // 'wx': two processes starting at once never overwrite each other's key; the loser reads the winner's.
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSecretsKey(config);
    throw error;
  }
}
