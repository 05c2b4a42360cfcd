// The parent side of lib/socket-holder.mjs: child processes that open and hold socket.io connections, so
// the generator stays under the per-process open-file limit. Shared by P2 and P4.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { benchDir } from './util.mjs';

/** Child processes holding the sockets; `open` resolves with what each connected. */
export function startHolders(count, cleanups) {
  const holders = Array.from({ length: count }, () => {
    const child = fork(join(benchDir, 'lib/socket-holder.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const next = (type) =>
      new Promise((resolve, reject) => {
        const onMessage = (message) => {
          if (message?.type !== type) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(message);
        };
        const onExit = (code) => reject(new Error(`socket holder exited (${code}) while waiting for "${type}"`));
        child.on('message', onMessage);
        child.once('exit', onExit);
      });
    return { child, exited, next };
  });
  cleanups.push(async () => {
    for (const h of holders) if (h.child.exitCode === null) h.child.kill('SIGKILL');
  });
  return holders;
}
