import { chmod, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allows, firstBlocked, pathChain, type PathEntry } from './path-access';

const entry = (path: string, mode: number, uid = 0, gid = 0): PathEntry => ({ path, mode, uid, gid });
const postgres = { uid: 101, gids: [104] };

describe('allows: mode bits as the kernel reads them', () => {
  it('uses the owner bits for the owner, even when others get more', () => {
    expect(allows(entry('/d', 0o077, 101), postgres, ['x'])).toBe(false);
    expect(allows(entry('/d', 0o700, 101), postgres, ['r', 'w', 'x'])).toBe(true);
  });

  it('uses the group bits for a member of the group, else the others bits', () => {
    expect(allows(entry('/d', 0o750, 0, 104), postgres, ['r', 'x'])).toBe(true);
    expect(allows(entry('/d', 0o705, 0, 104), postgres, ['x'])).toBe(false);
    expect(allows(entry('/d', 0o705, 0, 0), postgres, ['r', 'x'])).toBe(true);
    expect(allows(entry('/d', 0o704, 0, 0), postgres, ['x'])).toBe(false);
  });

  it('needs every access asked for', () => {
    expect(allows(entry('/f', 0o751), postgres, ['r', 'x'])).toBe(false);
    expect(allows(entry('/f', 0o751), postgres, ['x'])).toBe(true);
  });
});

describe('firstBlocked: a path is reachable when every directory on the way is searchable', () => {
  const chain = [entry('/', 0o755), entry('/root', 0o700), entry('/root/omni', 0o755), entry('/root/omni/.data', 0o755)];

  it('names the first directory that stops the user (a checkout under /root)', () => {
    expect(firstBlocked(chain, postgres, ['x'])?.path).toBe('/root');
  });

  it('passes when every directory lets the user search it', () => {
    const open = chain.map((e) => (e.path === '/root' ? { ...e, mode: 0o711 } : e));
    expect(firstBlocked(open, postgres, ['x'])).toBeUndefined();
  });

  it('asks the last entry for the access given, the others only for search', () => {
    const file = [entry('/', 0o711), entry('/opt', 0o711), entry('/opt/postgres', 0o700)];
    expect(firstBlocked(file, postgres, ['r', 'x'])?.path).toBe('/opt/postgres');
    expect(firstBlocked(file.slice(0, 2), postgres, ['r', 'x'])?.path).toBe('/opt');
  });
});

describe('pathChain', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'omni-path-'));
    await mkdir(join(dir, 'private', 'inner'), { recursive: true });
    await chmod(join(dir, 'private'), 0o700);
    await symlink(join(dir, 'private', 'inner'), join(dir, 'link'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists the real path from the root down, with modes', async () => {
    const chain = await pathChain(join(dir, 'link'));
    expect(chain[0]?.path).toBe('/');
    expect(chain.at(-1)?.path.endsWith('/private/inner')).toBe(true);
    expect(chain.find((e) => e.path.endsWith('/private'))?.mode).toBe(0o700);
  });
});
