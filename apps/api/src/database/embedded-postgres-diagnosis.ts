/**
 * Turns what initdb or postgres printed before stopping into one paragraph for a person: what failed, why,
 * and the one command or setting that fixes it. Pure, so each case is tested on real PostgreSQL output.
 */
export interface FailureContext {
  stage: 'initdb' | 'start';
  /** The cluster's data directory. */
  pgdata: string;
  port: number;
  /** The OS user PostgreSQL runs as. */
  user: string;
  /** Where the server's full output is kept. */
  logFile: string;
  /** Who holds the pid that postmaster.pid names ('unknown' when that cannot be told, e.g. without /proc). */
  lockHolder(pid: number): 'gone' | 'this cluster' | 'another program' | 'unknown';
}

const OWN_SERVER = 'or set DATABASE_URL to use a PostgreSQL server of your own';

export function diagnose(output: string, ctx: FailureContext): string {
  const said = quote(output);
  const lead = ctx.stage === 'initdb' ? `The embedded PostgreSQL could not create its cluster in ${ctx.pgdata}` : 'The embedded PostgreSQL did not start';

  if (/could not bind IPv[46] address|could not create any TCP\/IP sockets/.test(output)) {
    return (
      `${lead}: port ${ctx.port} is already in use by another program (perhaps another Omnichannel). ` +
      `Choose another port, e.g. EMBEDDED_PG_PORT=${ctx.port + 1}, ${OWN_SERVER}. PostgreSQL said: ${said}`
    );
  }
  const lock = /lock file "postmaster\.pid" already exists[\s\S]*?PID (\d+)/.exec(output);
  if (lock?.[1]) {
    const pid = Number(lock[1]);
    const holder = ctx.lockHolder(pid);
    // Removing the lock file of a running server would let two servers write one cluster: only when sure.
    if (holder === 'gone' || holder === 'another program') {
      return (
        `${lead}: ${ctx.pgdata}/postmaster.pid is left from a PostgreSQL that was killed (process ${pid} is ${holder === 'gone' ? 'gone' : 'now another program'}, ` +
        `e.g. after a container restart). Remove it and start again: rm ${ctx.pgdata}/postmaster.pid`
      );
    }
    return (
      `${lead}: a PostgreSQL (pid ${pid}) is already running on ${ctx.pgdata}, probably another Omnichannel with the same DATA_DIR, ` +
      `or one left by a start that was killed. Stop it (Ctrl+C in its terminal, or kill -INT ${pid}) and start again, or use another DATA_DIR.`
    );
  }
  if (/shared memory/i.test(output)) {
    return (
      `${lead}: the system refused it shared memory. Free some memory, or in a container give it more ` +
      `(docker run --shm-size=256m …), ${OWN_SERVER}. PostgreSQL said: ${said}`
    );
  }
  if (/No space left on device/.test(output)) {
    return `${lead}: the disk is full. Free some space where ${ctx.pgdata} lives, or set DATA_DIR to another disk. PostgreSQL said: ${said}`;
  }
  const denied = /"([^"]+)": Permission denied/.exec(output)?.[1];
  if (/has wrong ownership|has invalid permissions/.test(output) || (denied !== undefined && denied.startsWith(ctx.pgdata))) {
    return (
      `${lead}: ${ctx.pgdata} belongs to another user than the one PostgreSQL runs as (${ctx.user}); it was probably created by another account. ` +
      `Start Omnichannel as that account, or hand the cluster over: chown -R ${ctx.user} ${ctx.pgdata} && chmod 700 ${ctx.pgdata}. PostgreSQL said: ${said}`
    );
  }
  const version = /initialized by PostgreSQL version ([\d.]*\d), which is not compatible with this version ([\d.]*\d)/.exec(output);
  if (version) {
    return (
      `${lead}: ${ctx.pgdata} was created by PostgreSQL ${version[1]}, and this is ${version[2]}. ` +
      `Set DATA_DIR to a new directory (and move your data with pg_dump/pg_restore), ${OWN_SERVER}.`
    );
  }
  if (/exists but is not empty/.test(output)) {
    return `${lead}: the directory holds the leftovers of an interrupted first start. Remove them and start again: rm -rf ${ctx.pgdata}`;
  }
  if (/Permission denied/.test(output)) {
    return (
      `${lead}: the OS user ${ctx.user} is not allowed to use a file or directory it needs. ` +
      `Set DATA_DIR to a directory that ${ctx.user} can reach, ${OWN_SERVER}. PostgreSQL said: ${said}`
    );
  }
  return `${lead}. PostgreSQL said: ${said} (its whole output is in ${ctx.logFile}). Fix what it names, ${OWN_SERVER}.`;
}

/** The lines that carry the reason (errors and their hints), or the last lines when none is marked. */
function quote(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.replace(/^\S+ \S+ \S+ \[\d+\] /, '').trim())
    .filter(Boolean);
  const marked = lines.filter((l) => /^(FATAL|PANIC|ERROR|DETAIL|HINT):|^LOG: +could not|error:|^initdb: (detail|hint)/i.test(l));
  const chosen = (marked.length > 0 ? marked : lines.slice(-3)).slice(0, 4).join(' ');
  return chosen ? `"${chosen}"` : 'nothing';
}
