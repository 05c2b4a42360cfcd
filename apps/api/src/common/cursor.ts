import { createHash } from 'node:crypto';
import { ErrorCode } from '@omnichannel/contracts';
import { AppError } from './errors/app-error';

/**
 * Keyset paging (issue #19): a cursor is the sort key of a page's last row, tagged with the list it
 * belongs to, so the next page starts after it with an index condition instead of an OFFSET that grows
 * with history. Opaque to clients (base64url of JSON); a cursor that does not decode, has the wrong shape,
 * or was handed out by another list (or the same search with other filters) is a 400 INVALID_CURSOR.
 */
export type CursorPart = 'timestamp' | 'uuid' | 'int';

/** PostgreSQL's text form of a timestamptz, microseconds included (a JS Date would lose them). */
const TIMESTAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:\d\d){0,2}|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const valid: Record<CursorPart, (value: unknown) => boolean> = {
  timestamp: (v) => typeof v === 'string' && TIMESTAMP.test(v) && isRealDate(v),
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  int: (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 2_147_483_647,
};

/** A date that exists (no 30th of February, which PostgreSQL would refuse with a 500). */
function isRealDate(text: string): boolean {
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const at = new Date(iso);
  return !Number.isNaN(at.getTime()) && new Date(`${iso.slice(0, 10)}T00:00:00Z`).toISOString().slice(0, 10) === iso.slice(0, 10);
}

export function encodeCursor(list: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...values])).toString('base64url');
}

/** The sort key a cursor holds, checked against the list it must come from and the key's parts. */
export function decodeCursor<const P extends readonly CursorPart[]>(cursor: string, list: string, parts: P): { [K in keyof P]: P[K] extends 'int' ? number : string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (!Array.isArray(decoded) || decoded.length !== parts.length + 1) throw invalid();
  const [tag, ...values] = decoded as unknown[];
  if (tag !== list) throw new AppError(ErrorCode.InvalidCursor, 'This cursor belongs to another list or search; start again without it');
  if (!values.every((value, i) => valid[parts[i] as CursorPart](value))) throw invalid();
  return values as { [K in keyof P]: P[K] extends 'int' ? number : string };
}

/** A list's tag that changes with its filters: a cursor of one search is refused by another. */
export function listTag(name: string, filters: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.keys(filters).sort().map((k) => [k, filters[k] ?? null]));
  return `${name}:${createHash('sha256').update(canonical).digest('base64url').slice(0, 12)}`;
}

function invalid(): AppError {
  return new AppError(ErrorCode.InvalidCursor, 'The cursor is not valid; pass a nextCursor exactly as it was returned');
}
