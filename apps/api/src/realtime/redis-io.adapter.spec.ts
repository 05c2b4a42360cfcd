import { EventEmitter } from 'node:events';
import { from, isObservable, mergeAll, of, type Observable } from 'rxjs';
import type { Socket } from 'socket.io';
import { RealtimeIoAdapter } from './redis-io.adapter';

/** Nest's own transform of a handler's result (WebSocketsController.pickResult, then mergeAll). */
const transform = (result: unknown): Observable<unknown> =>
  from(Promise.resolve(result).then((value) => (isObservable(value) ? value : of(value)))).pipe(mergeAll());

class FakeSocket extends EventEmitter {
  disconnected = false;
  readonly sent: unknown[][] = [];
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'event') {
      this.sent.push(args);
      return true;
    }
    return super.emit(event, ...args);
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function bind(handlers: { message: string; callback: (data: unknown, ack?: unknown) => unknown; isAckHandledManually?: boolean }[]) {
  const socket = new FakeSocket();
  const adapter = new RealtimeIoAdapter(undefined as never, undefined);
  adapter.bindMessageHandlers(
    socket as unknown as Socket,
    handlers.map((h) => ({ methodName: h.message, isAckHandledManually: false, ...h, callback: h.callback as never })),
    transform,
  );
  return socket;
}

describe('RealtimeIoAdapter.bindMessageHandlers (issue #19, P4: one listener per event, no rxjs per socket)', () => {
  it('answers through the ack with what the handler resolves, data and ack split as Nest splits them', async () => {
    const seen: unknown[] = [];
    const socket = bind([{ message: 'visitor:send', callback: (data) => (seen.push(data), Promise.resolve({ ok: true, data })) }]);
    const ack = jest.fn();
    socket.emit('visitor:send', { body: 'hi' }, ack);
    await flush();
    expect(seen).toEqual([{ body: 'hi' }]);
    expect(ack).toHaveBeenCalledWith({ ok: true, data: { body: 'hi' } });
    expect(socket.listenerCount('visitor:send')).toBe(1);
  });

  it('passes a lone ack as the ack, and several arguments as an array', async () => {
    const seen: unknown[] = [];
    const socket = bind([{ message: 'e', callback: (data, ack) => void seen.push([data, typeof ack]) }]);
    socket.emit('e', jest.fn());
    socket.emit('e', 1, 2);
    await flush();
    expect(seen).toEqual([
      [undefined, 'function'],
      [[1, 2], 'undefined'],
    ]);
  });

  it('emits a `{ event, data }` result, answers nothing for undefined, and each value of an observable', async () => {
    const socket = bind([
      { message: 'a', callback: () => ({ event: 'event', data: 42 }) },
      { message: 'b', callback: () => undefined },
      { message: 'c', callback: () => of(1, 2) },
    ]);
    const ackB = jest.fn();
    const ackC = jest.fn();
    socket.emit('a', null, jest.fn());
    socket.emit('b', null, ackB);
    socket.emit('c', null, ackC);
    await flush();
    expect(socket.sent).toEqual([[42]]);
    expect(ackB).not.toHaveBeenCalled();
    expect(ackC.mock.calls).toEqual([[1], [2]]);
  });

  it('does not answer once the socket has left, nor when the handler answers the ack itself', async () => {
    let finish: (value: unknown) => void = () => undefined;
    const socket = bind([
      { message: 'slow', callback: () => new Promise((resolve) => (finish = resolve)) },
      { message: 'manual', callback: () => 'done', isAckHandledManually: true },
    ]);
    const slowAck = jest.fn();
    const manualAck = jest.fn();
    socket.emit('slow', null, slowAck);
    socket.emit('manual', null, manualAck);
    socket.disconnected = true;
    finish({ ok: true });
    await flush();
    expect(slowAck).not.toHaveBeenCalled();
    expect(manualAck).not.toHaveBeenCalled();
  });
});
