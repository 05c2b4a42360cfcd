import { diagnose, type FailureContext } from './embedded-postgres-diagnosis';

const pgdata = '/var/lib/omnichannel/clusters/root-omni-data-0123456789/postgres';
const ctx = (over: Partial<FailureContext> = {}): FailureContext => ({
  stage: 'start',
  pgdata,
  port: 54329,
  user: 'postgres',
  logFile: '/var/lib/omnichannel/clusters/root-omni-data-0123456789/postgres.log',
  lockHolder: () => 'this cluster',
  ...over,
});

// Real output of PostgreSQL 17 (LC_ALL=C), as the server wrote it to its log.
const log = (...lines: string[]) => lines.map((l) => `2026-12-01 23:44:31.755 UTC [25285] ${l}`).join('\n');

describe('diagnose', () => {
  it('port taken: names the port and the setting that moves it', () => {
    const text = diagnose(
      log(
        'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
        'HINT:  Is another postmaster already running on port 54329? If not, wait a few seconds and retry.',
        'WARNING:  could not create listen socket for "127.0.0.1"',
        'FATAL:  could not create any TCP/IP sockets',
      ),
      ctx(),
    );
    expect(text).toContain('port 54329 is already in use');
    expect(text).toContain('EMBEDDED_PG_PORT=54330');
    expect(text).toContain('could not bind IPv4 address');
  });

  const lock = log(
    'FATAL:  lock file "postmaster.pid" already exists',
    `HINT:  Is another postmaster (PID 2197) running in data directory "${pgdata}"?`,
  );

  it('a server running on the cluster: stop it by its pid, never remove its lock', () => {
    const text = diagnose(lock, ctx({ lockHolder: () => 'this cluster' }));
    expect(text).toContain('kill -INT 2197');
    expect(text).not.toContain('rm ');
    expect(diagnose(lock, ctx({ lockHolder: () => 'unknown' }))).toContain('kill -INT 2197');
  });

  it('a stale postmaster.pid whose pid is now another program: remove the file', () => {
    const holders: string[] = [];
    const text = diagnose(lock, ctx({ lockHolder: (pid) => (holders.push(String(pid)), 'another program') }));
    expect(holders).toEqual(['2197']);
    expect(text).toContain(`rm ${pgdata}/postmaster.pid`);
    expect(diagnose(lock, ctx({ lockHolder: () => 'gone' }))).toContain(`rm ${pgdata}/postmaster.pid`);
  });

  it('not enough shared memory', () => {
    const text = diagnose(
      log(
        'FATAL:  could not map anonymous shared memory: Cannot allocate memory',
        'HINT:  This error usually means that PostgreSQL\'s request for a shared memory segment exceeded available memory, swap space, or huge pages.',
      ),
      ctx(),
    );
    expect(text).toContain('shared memory');
    expect(text).toContain('--shm-size');
    expect(text).toContain('DATABASE_URL');
  });

  it('a cluster owned by someone else: hand it over or start as its owner', () => {
    const text = diagnose(`postgres: could not access the server configuration file "${pgdata}/postgresql.conf": Permission denied\n`, ctx());
    expect(text).toContain(`chown -R postgres ${pgdata}`);
    expect(diagnose(log(`FATAL:  data directory "${pgdata}" has wrong ownership`), ctx())).toContain(`chown -R postgres ${pgdata}`);
  });

  it('a cluster of another PostgreSQL version', () => {
    const text = diagnose(
      log(
        'FATAL:  database files are incompatible with server',
        'DETAIL:  The data directory was initialized by PostgreSQL version 16, which is not compatible with this version 17.10.',
      ),
      ctx(),
    );
    expect(text).toContain('created by PostgreSQL 16, and this is 17.10.');
  });

  it('initdb on the leftovers of an interrupted first start', () => {
    const text = diagnose(
      `Data page checksums are disabled.\n\ninitdb: error: directory "${pgdata}" exists but is not empty\ninitdb: hint: If you want to create a new database system, either remove or empty the directory.\n`,
      ctx({ stage: 'initdb' }),
    );
    expect(text).toMatch(/^The embedded PostgreSQL could not create its cluster in /);
    expect(text).toContain(`rm -rf ${pgdata}`);
  });

  it('a directory PostgreSQL may not use: points at DATA_DIR', () => {
    const text = diagnose('initdb: error: could not access directory "/srv/private/postgres": Permission denied\n', ctx({ stage: 'initdb' }));
    expect(text).toContain('Set DATA_DIR');
    expect(text).toContain('could not access directory');
  });

  it('anything else: what PostgreSQL said and where its log is, no stack', () => {
    const text = diagnose(log('LOG:  starting PostgreSQL 17.10', 'FATAL:  invalid value for parameter "max_connections": "x"'), ctx());
    expect(text).toContain('FATAL:  invalid value for parameter');
    expect(text).toContain('postgres.log');
    expect(text).not.toMatch(/\n\s+at /);
  });
});
