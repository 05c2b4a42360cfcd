import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { watchRedis } from '../common/redis-status';

/**
 * With REDIS_URL, every API instance's socket.io server shares rooms through Redis pub/sub: an
 * event emitted on instance A reaches a socket connected to instance B. Without it, one instance. When
 * Redis comes back after an outage, the instance's sockets are told to resync (`sync:required`).
 */
export class RealtimeIoAdapter extends IoAdapter {
  private clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string | undefined,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, { ...options, transports: ['websocket', 'polling'] }) as Server;
    if (this.redisUrl) {
      const pub = watchRedis('socket.io publish', new Redis(this.redisUrl, { lazyConnect: false, maxRetriesPerRequest: null }));
      // Back from an outage: whatever crossed instances while Redis was away was lost on the way, so every
      // socket of this instance is told to catch up from the database (issue #16).
      const sub = watchRedis('socket.io subscribe', pub.duplicate(), () => server.local.emit('sync:required'));
      this.clients.push(pub, sub);
      server.adapter(createAdapter(pub, sub));
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((c) => c.quit().catch(() => undefined)));
    this.clients = [];
  }
}
