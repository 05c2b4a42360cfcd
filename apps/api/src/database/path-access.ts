import { realpath, stat } from 'node:fs/promises';
import { dirname, parse } from 'node:path';

/** One component of a path, as the kernel sees it when another user walks the path. */
export interface PathEntry {
  path: string;
  mode: number;
  uid: number;
  gid: number;
}

/** The credentials a process runs with: its uid and every group it holds. */
export interface Identity {
  uid: number;
  gids: readonly number[];
}

const BITS = { r: 4, w: 2, x: 1 } as const;
export type Access = keyof typeof BITS;

/**
 * Whether `who` gets `access` on an entry by its mode bits, decided as the kernel does: the owner's bits
 * when `who` owns it (even if group or others get more), else the group's when `who` holds its group,
 * else the others'. ACLs are not read: they are rare on the paths involved here.
 */
export function allows(entry: PathEntry, who: Identity, access: readonly Access[]): boolean {
  const shift = entry.uid === who.uid ? 6 : who.gids.includes(entry.gid) ? 3 : 0;
  const granted = (entry.mode >> shift) & 7;
  return access.every((a) => (granted & BITS[a]) !== 0);
}

/**
 * The first entry `who` cannot get through, walking from the root down: every directory on the way needs
 * search (x), the last entry `last`. Undefined when the whole path is reachable.
 */
export function firstBlocked(chain: readonly PathEntry[], who: Identity, last: readonly Access[]): PathEntry | undefined {
  return chain.find((entry, i) => !allows(entry, who, i === chain.length - 1 ? last : ['x']));
}

/** The components of an existing path (symbolic links resolved, since the kernel walks the real path), root first. */
export async function pathChain(path: string): Promise<PathEntry[]> {
  const chain: PathEntry[] = [];
  let current = await realpath(path);
  for (;;) {
    const s = await stat(current);
    chain.unshift({ path: current, mode: s.mode & 0o7777, uid: s.uid, gid: s.gid });
    if (current === parse(current).root) return chain;
    current = dirname(current);
  }
}

/** Why `who` cannot reach `path` ("/root is drwx------ root:root"), or undefined when it can. */
export async function unreachableBecause(path: string, who: Identity, last: readonly Access[]): Promise<string | undefined> {
  const blocked = firstBlocked(await pathChain(path), who, last);
  return blocked && `${blocked.path} is mode ${blocked.mode.toString(8).padStart(4, '0')}, owner ${blocked.uid}, group ${blocked.gid}`;
}
