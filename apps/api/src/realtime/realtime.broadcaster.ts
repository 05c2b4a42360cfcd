import type { ServerToClientEvents } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';

type EventName = keyof ServerToClientEvents;

/**
 * The one handle on the socket.io server that the rest of the API may use: emit to rooms chosen by the
 * server, and close the sockets of a room. With the Redis adapter a room spans every API instance.
 */
@Injectable()
export class RealtimeBroadcaster {
  private server?: Server;

  attach(server: Server): void {
    this.server = server;
  }

  emit<E extends EventName>(room: string | string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    if (!this.server) return;
    (this.server.to(room) as unknown as { emit(e: string, ...a: unknown[]): void }).emit(event, ...args);
  }

  /**
   * Emits to a room and resolves with how many sockets acknowledged within `timeoutMs`, on every instance
   * (the Redis adapter collects the others' answers; while Redis is away only this instance's count).
   */
  emitWithAck<E extends EventName>(room: string, timeoutMs: number, event: E, ...args: Parameters<ServerToClientEvents[E]>): Promise<number> {
    const server = this.server;
    if (!server) return Promise.resolve(0);
    return new Promise((resolve) => {
      const target = server.to(room).timeout(timeoutMs) as unknown as { emit(e: string, ...a: unknown[]): void };
      target.emit(event, ...args, (_error: unknown, responses: unknown[] | undefined) => resolve(responses?.length ?? 0));
    });
  }

  /** Sockets in a room on every instance (with the Redis adapter the others are asked too). */
  async countSockets(room: string): Promise<number> {
    if (!this.server) return 0;
    return (await this.server.in(room).fetchSockets()).length;
  }

  /**
   * Every socket in `room` that is in none of `keep` leaves it, on every instance. Synchronous with the
   * emits that follow: with the Redis adapter the request travels ahead of them on the same connection.
   */
  leave(room: string, keep: string[]): void {
    this.server?.in(room).except(keep).socketsLeave(room);
  }

  disconnect(room: string): void {
    this.server?.in(room).disconnectSockets(true);
  }
}
