// The bare baselines of P1 and P2: Fastify + pg, no Nest, no validation library, no ORM, no job queue. A
// Telegram-format update is checked by its secret-token header (constant time), its update_id read, one
// INSERT … ON CONFLICT DO NOTHING stores it (a repeat inserts nothing), and `ok` answers after the commit.
// With SOCKETS=true (P2) socket.io shares the server: widget sockets (auth.visitorToken) are held idle, an
// operator socket (auth.operator) joins the operators' room, and each stored update's text is emitted to it
// as `message:created` before the answer.
// Env: DATABASE_URL, PORT, WEBHOOK_SECRET, SOCKETS, DATABASE_POOL_SIZE (default 20, as the API's default).
import { timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { Server } from 'socket.io';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 20) });
await pool.query(`CREATE TABLE IF NOT EXISTS bench_baseline_updates (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  update_key text NOT NULL UNIQUE,
  body jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now())`);
const secret = Buffer.from(process.env.WEBHOOK_SECRET ?? '');

const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
const io =
  process.env.SOCKETS === 'true'
    ? new Server(app.server, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 100_000, pingInterval: 20_000, perMessageDeflate: false })
    : null;
io?.on('connection', (socket) => {
  const auth = socket.handshake.auth ?? {};
  if (auth.operator) void socket.join('operators');
  else if (typeof auth.visitorToken !== 'string') socket.disconnect(true);
});
const INSERT = 'INSERT INTO bench_baseline_updates (update_key, body) VALUES ($1, $2) ON CONFLICT (update_key) DO NOTHING';

app.post('/webhook', async (request, reply) => {
  const given = Buffer.from(String(request.headers['x-telegram-bot-api-secret-token'] ?? ''));
  if (given.length !== secret.length || !timingSafeEqual(given, secret)) return reply.code(401).send('unverified');
  const update = request.body;
  if (typeof update?.update_id !== 'number') return reply.code(400).send('malformed');
  if (!io) {
    await pool.query(INSERT, [String(update.update_id), update]);
  } else {
    const { rows } = await pool.query(`${INSERT} RETURNING id, received_at`, [String(update.update_id), update]);
    if (rows[0]) io.to('operators').emit('message:created', { id: String(rows[0].id), kind: 'client', body: String(update.message?.text ?? ''), createdAt: rows[0].received_at });
  }
  return reply.type('text/plain; charset=utf-8').send('ok');
});
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('baseline ready\n');
const stop = () => (io ? io.close(() => pool.end().finally(() => process.exit(0))) : app.close().then(() => pool.end()).finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
