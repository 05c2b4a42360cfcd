import { randomBytes } from 'node:crypto';
import { parseJson } from './http-body';

/** A scalar parameter as text (form fields are text, JSON fields may be numbers); undefined when absent. */
export function textParam(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function flagParam(value: unknown): boolean {
  return value === true || value === 1 || value === 'true' || value === '1';
}

/** An array given as JSON or, in a form, as a JSON-serialized string (Telegram's `allowed_updates`). */
export function listParam(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value as unknown[];
  if (typeof value === 'string') {
    const parsed = parseJson(value);
    if (Array.isArray(parsed)) return parsed as unknown[];
  }
  return undefined;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** The file name at the end of a URL's path, if it has one. */
export function fileNameOfUrl(url: string): string | null {
  try {
    const last = new URL(url).pathname.split('/').pop();
    return last ? decodeURIComponent(last) : null;
  } catch {
    return null;
  }
}

/** Fetches what a platform fetches on the client's behalf (a URL to send); null when it cannot be had. */
export async function fetchMedia(url: string): Promise<{ bytes: Buffer; contentType: string | null } | null> {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) return null;
    return { bytes: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
  } catch {
    return null;
  }
}
