import { SOCKET_PATH, type Ack, type ClientToServerEvents, type ServerToClientEvents } from '@omnichannel/contracts';
import { io, type Socket } from 'socket.io-client';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectEmployee(url: string, cookie: string): Promise<TestSocket> {
  return connect(io(url, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true }));
}

/** A visitor's socket that, as the widget does, acknowledges every message it receives (issue #16). */
export function connectVisitor(url: string, visitorToken: string): Promise<TestSocket> {
  const socket: TestSocket = io(url, { path: SOCKET_PATH, transports: ['websocket'], auth: { visitorToken }, reconnection: false, forceNew: true });
  socket.on('visitor:message', (_message, ack) => ack?.());
  return connect(socket);
}

export function connect(socket: TestSocket): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Emits with an acknowledgement and resolves with the server's Ack envelope. */
export function request<T>(socket: TestSocket, event: string, payload: unknown): Promise<Ack<T>> {
  return (socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<Ack<T>> } })
    .timeout(5000)
    .emitWithAck(event, payload);
}

interface RawSocket {
  on(event: string, handler: (...args: unknown[]) => void): void;
  off(event: string, handler: (...args: unknown[]) => void): void;
}

/** Resolves with the first event of that name matching the predicate (no fixed sleeps). */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  predicate: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  const raw = socket as unknown as RawSocket;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      raw.off(event, handler);
      reject(new Error(`No ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (...args: unknown[]) => {
      if (!(predicate as (...a: unknown[]) => boolean)(...args)) return;
      clearTimeout(timer);
      raw.off(event, handler);
      resolve(args[0] as Parameters<ServerToClientEvents[E]>[0]);
    };
    raw.on(event, handler);
  });
}

/** Collects every event of that name until stopped. */
export function collect<E extends keyof ServerToClientEvents>(socket: TestSocket, event: E) {
  const raw = socket as unknown as RawSocket;
  const items: Parameters<ServerToClientEvents[E]>[0][] = [];
  const handler = (...args: unknown[]) => void items.push(args[0] as Parameters<ServerToClientEvents[E]>[0]);
  raw.on(event, handler);
  return { items, stop: () => raw.off(event, handler) };
}
