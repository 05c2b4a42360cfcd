// The bare baseline of P3: plain Node http + socket.io + pg, no Nest, no validation library, no ORM.
// A visitor's 'visitor:send' does one INSERT into a scratch table (autocommit, synchronous_commit as the
// server has it), then emits the stored row to the operators' room and acknowledges the visitor.
// Env: DATABASE_URL, PORT, DATABASE_POOL_SIZE (default 20, as the API's default).
import { createServer } from 'node:http';
import pg from 'pg';
import { Server } from 'socket.io';
import { BASELINE_INSERT, BASELINE_TABLE } from './baseline-statement.mjs';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 20) });
await pool.query(BASELINE_TABLE);

const http = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
});
const io = new Server(http, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 100_000, pingInterval: 20_000 });

io.on('connection', (socket) => {
  const auth = socket.handshake.auth ?? {};
  if (auth.operator) {
    void socket.join('operators');
    return;
  }
  const visitor = typeof auth.visitorToken === 'string' ? auth.visitorToken : null;
  if (!visitor) return void socket.disconnect(true);
  socket.on('visitor:send', async (request, ack) => {
    if (typeof ack !== 'function') return;
    if (typeof request?.body !== 'string' || typeof request?.clientMsgId !== 'string') {
      return ack({ ok: false, error: { code: 'validation_failed', message: 'bad request' } });
    }
    try {
      const { rows } = await pool.query(BASELINE_INSERT, [visitor, request.body, request.clientMsgId]);
      const message = { id: String(rows[0].id), body: request.body, clientMsgId: request.clientMsgId, createdAt: rows[0].created_at };
      io.to('operators').emit('message:created', message);
      ack({ ok: true, data: message });
    } catch (error) {
      ack({ ok: false, error: { code: 'internal', message: error.message } });
    }
  });
});

http.listen(Number(process.env.PORT), '0.0.0.0', () => process.stdout.write('baseline ready\n'));
const stop = () => io.close(() => pool.end().finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
