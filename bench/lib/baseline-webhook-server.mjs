// The bare baseline of P1: Fastify + pg, no Nest, no validation library, no ORM, no job queue. A
// Telegram-format update is checked by its secret-token header (constant time), its update_id read, one
// INSERT … ON CONFLICT DO NOTHING stores it (a repeat inserts nothing), and `ok` answers after the commit.
// Env: DATABASE_URL, PORT, WEBHOOK_SECRET, DATABASE_POOL_SIZE (default 20, as the API's default).
import { timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 20) });
await pool.query(`CREATE TABLE IF NOT EXISTS bench_baseline_updates (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  update_key text NOT NULL UNIQUE,
  body jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now())`);
const secret = Buffer.from(process.env.WEBHOOK_SECRET ?? '');

const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
app.post('/webhook', async (request, reply) => {
  const given = Buffer.from(String(request.headers['x-telegram-bot-api-secret-token'] ?? ''));
  if (given.length !== secret.length || !timingSafeEqual(given, secret)) return reply.code(401).send('unverified');
  const updateId = request.body?.update_id;
  if (typeof updateId !== 'number') return reply.code(400).send('malformed');
  await pool.query('INSERT INTO bench_baseline_updates (update_key, body) VALUES ($1, $2) ON CONFLICT (update_key) DO NOTHING', [String(updateId), request.body]);
  return reply.type('text/plain; charset=utf-8').send('ok');
});
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('baseline ready\n');
const stop = () => app.close().then(() => pool.end()).finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
