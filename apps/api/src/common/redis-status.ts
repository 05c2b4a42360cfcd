import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

const logger = new Logger('Redis');
const clients = new Map<string, Redis>();
let registered = 0;
/** Errors repeat on every reconnection attempt: one line per client per this many ms. */
const LOG_EVERY_MS = 10_000;

/**
 * Every Redis client of the process registers here (issue #16): it gets an error handler (an unhandled
 * 'error' event would crash nothing but floods the log and hides the outage), its outage and return are
 * logged once, and health reports "degraded" while any is not ready.
 */
export function watchRedis(name: string, client: Redis, onReturn?: () => void): Redis {
  const key = `${name}#${++registered}`;
  clients.set(key, client);
  let lastLog = 0;
  let down = false;
  client.on('error', (error: Error) => {
    if (Date.now() - lastLog < LOG_EVERY_MS) return;
    lastLog = Date.now();
    logger.warn(`${name}: ${error.message}`);
  });
  client.on('close', () => {
    if (client.status === 'end' || down) return;
    down = true;
    logger.warn(`${name}: connection lost; reconnecting`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log(`${name}: connected again`);
    onReturn?.();
  });
  client.on('end', () => clients.delete(key));
  return client;
}

/** The registered clients that are not connected now. */
export function redisDown(): string[] {
  return [...clients].filter(([, c]) => c.status !== 'ready').map(([key]) => key.replace(/#\d+$/, ''));
}

/** Whether any Redis client is registered (REDIS_URL set). */
export function redisInUse(): boolean {
  return clients.size > 0;
}
