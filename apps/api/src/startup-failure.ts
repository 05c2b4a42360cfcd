import { createServer } from 'node:net';
import { Client } from 'pg';

/**
 * A start that cannot go on, told as one paragraph for the person who ran it: what failed, why, and the
 * one command or setting that fixes it. main.ts prints the message and nothing else (no stack).
 */
export class StartupFailure extends Error {
  override readonly name = 'StartupFailure';
}

const DEBUG_LEVELS = new Set(['debug', 'trace']);

/** The paragraph for any error that stopped the start; an unforeseen one keeps its stack only at LOG_LEVEL=debug. */
export function describeStartupError(error: unknown, config: { PORT: number; HOST: string; LOG_LEVEL: string }): string {
  if (error instanceof StartupFailure) return error.message;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') {
    return `Omnichannel could not listen on port ${config.PORT}: another program (perhaps another Omnichannel) already uses it. Stop that program, or choose another port: PORT=${config.PORT + 1}.`;
  }
  if (code === 'EACCES' && /listen/.test(message)) {
    return `Omnichannel may not listen on port ${config.PORT}: ports below 1024 need special rights. Choose a port from 1024 up, e.g. PORT=3000, and put a reverse proxy in front for port 80 or 443.`;
  }
  if (code === 'EADDRNOTAVAIL') {
    return `Omnichannel could not listen on ${config.HOST}: this machine has no such address. Set HOST to one of its addresses, or HOST=0.0.0.0 for all of them.`;
  }
  const detail = DEBUG_LEVELS.has(config.LOG_LEVEL) && error instanceof Error && error.stack ? `\n${error.stack}` : ' (LOG_LEVEL=debug shows where it happened)';
  return `Omnichannel failed to start: ${message}${detail}`;
}

/** Binds PORT once before the slow part of the start (database, migrations), so a port in use is said at once. */
export function checkPort(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/**
 * Connects once to DATABASE_URL before anything else, so an unreachable or refusing server is one clear
 * paragraph at once instead of TypeORM's retries with stack traces.
 */
export async function checkDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new StartupFailure(describeDatabaseError(error, url));
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function describeDatabaseError(error: unknown, url: string): string {
  const { host, port, user, database } = parseUrl(url);
  const where = `PostgreSQL at ${host}:${port} (DATABASE_URL)`;
  const alternative = 'or unset DATABASE_URL to use the embedded PostgreSQL';
  const message = error instanceof Error ? error.message : String(error);
  switch (errorCode(error)) {
    case 'ECONNREFUSED':
      return `Omnichannel could not connect to ${where}: nothing listens there. Start that server, correct DATABASE_URL, ${alternative}.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Omnichannel could not connect to ${where}: the host name ${host} is not known. Correct DATABASE_URL, ${alternative}.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Omnichannel could not connect to ${where}: no answer (${message}). Check that the server runs and a firewall lets port ${port} through, ${alternative}.`;
    case '28P01':
    case '28000':
      return `${where} refused the user "${user}": ${message}. Correct the user and password in DATABASE_URL (or the server's pg_hba.conf), ${alternative}.`;
    case '3D000':
      return `${where} has no database "${database}". Create it (createdb -h ${host} -p ${port} -U ${user} ${database}) or name an existing one in DATABASE_URL; the tables are created at start.`;
    default:
      // pg reports its own connection timeout without a code.
      if (/timeout/i.test(message)) {
        return `Omnichannel could not connect to ${where}: no answer within 10 s. Check that the server runs and a firewall lets port ${port} through, ${alternative}.`;
      }
      return `Omnichannel could not connect to ${where}: ${message}. Correct DATABASE_URL, ${alternative}.`;
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function parseUrl(url: string): { host: string; port: string; user: string; database: string } {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname) || 'localhost',
    port: parsed.port || '5432',
    user: decodeURIComponent(parsed.username) || 'postgres',
    database: decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username) || 'postgres',
  };
}
