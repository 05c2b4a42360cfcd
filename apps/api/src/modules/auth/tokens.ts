import { createHash, randomBytes } from 'node:crypto';

/** 256 bits from the CSPRNG, URL-safe; what the client holds. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database holds: a leaked table does not reveal usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
