import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@omnichannel/contracts';
import { io, type Socket } from 'socket.io-client';

export type OperatorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: OperatorSocket | null = null;

/** One socket per signed-in tab; the session cookie authenticates the handshake. */
export function getSocket(): OperatorSocket {
  socket ??= io({ path: SOCKET_PATH, transports: ['websocket', 'polling'], withCredentials: true });
  return socket;
}

export function closeSocket(): void {
  socket?.close();
  socket = null;
}
