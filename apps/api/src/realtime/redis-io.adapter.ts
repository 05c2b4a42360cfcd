import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
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

  /**
   * Nest's own binding builds an rxjs pipeline per event per socket (fromEvent, mergeMap, takeUntil the
   * disconnect): with the gateway's seven events about 180 closures and 30 subscribers, some 30 KB of heap
   * held by every idle socket (issue #19, budget P4). One plain listener per event does what it did: the
   * arguments split into data and ack as Nest splits them, the handler's result (value, promise or
   * observable) answered through the ack or emitted when it is `{ event, data }`, and nothing answered once
   * the socket has left.
   */
  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]) as { data: unknown; ack?: (response: unknown) => void };
        transform(callback(data, ack)).subscribe((response) => {
          if (response === null || response === undefined || socket.disconnected) return;
          const { event, data: eventData } = response as { event?: string; data?: unknown };
          if (event) socket.emit(event, eventData);
          else if (!isAckHandledManually && typeof ack === 'function') ack(response);
        });
      });
    }
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((c) => c.quit().catch(() => undefined)));
    this.clients = [];
  }
}
