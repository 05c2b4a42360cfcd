// A child process of P4 that opens and holds socket.io connections, so the generator side stays well
// under the per-process open-file limit (each socket is one descriptor here and one in the API).
// IPC protocol (process.send): parent → { type: 'open', url, clients: [{ auth } | { cookie }], concurrency,
// spreadMs? } (spreadMs: the connections start evenly over that time, as visitors arrive, so that their
// heartbeats do not all fall due in the same seconds)
// → child { type: 'opened', connected, failed, firstError }; parent → { type: 'close' } → child
// { type: 'closed' }, then the child exits.
import { connectSocket, mapLimit } from './open-loop.mjs';

const sockets = [];

async function open({ url, clients, concurrency, spreadMs = 0 }) {
  let failed = 0;
  let firstError = null;
  const began = performance.now();
  const slot = clients.length ? spreadMs / clients.length : 0;
  await mapLimit(clients, concurrency, async (client, index) => {
    const wait = began + index * slot - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const options = client.cookie ? { extraHeaders: { cookie: client.cookie } } : { auth: client.auth };
    try {
      sockets.push(await connectSocket(url, options));
    } catch (error) {
      failed++;
      firstError ??= error.message;
    }
  });
  process.send({ type: 'opened', connected: sockets.length, failed, firstError });
}

function close() {
  for (const socket of sockets) socket.close();
  sockets.length = 0;
  process.send({ type: 'closed' }, () => process.exit(0));
}

process.on('message', (message) => {
  if (message?.type === 'open') void open(message);
  else if (message?.type === 'close') close();
});
// The parent went away (killed, crashed): do not hold sockets open on its behalf.
process.on('disconnect', () => process.exit(0));
