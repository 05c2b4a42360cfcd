import { createHmac } from 'node:crypto';
import { sameSecret } from './platforms/platform-protocol';

/** How long a platform may download a reply's file from its link (Viber fetches at once; retries come within minutes). */
export const FILE_LINK_TTL_MS = 60 * 60_000;

/**
 * Signed, expiring links to one attachment, for platforms that take media by URL only (Viber): the token
 * is `<attachment id>.<expiry, unix seconds>.<HMAC-SHA256 of both>` in base64url, so the link opens that
 * file until it expires and nothing else; no state is kept.
 */
export class FileLinks {
  constructor(private readonly key: Buffer) {}

  token(attachmentId: string, now = Date.now()): string {
    const expires = Math.floor((now + FILE_LINK_TTL_MS) / 1000);
    return `${attachmentId}.${expires}.${this.mac(attachmentId, expires)}`;
  }

  /** The attachment a token opens, or null (forged, altered or expired). */
  attachmentOf(token: string, now = Date.now()): string | null {
    const [id, expires, mac, extra] = token.split('.');
    if (!id || !expires || !mac || extra !== undefined || !/^\d+$/.test(expires)) return null;
    if (Number(expires) * 1000 < now) return null;
    return sameSecret(mac, this.mac(id, Number(expires))) ? id : null;
  }

  private mac(id: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${id}.${expires}`).digest('base64url');
  }
}
