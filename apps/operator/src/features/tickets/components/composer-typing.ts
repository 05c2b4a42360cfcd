import { useEffect, useMemo } from 'react';
import { getSocket } from '../../../lib/socket';

/** "typing" is repeated at most this often while the employee types… */
export const TYPING_REPEAT_MS = 3_000;
/** …and "stopped" is sent after this long without a keystroke. */
export const TYPING_IDLE_MS = 4_000;

export interface TypingNotifier {
  /** A keystroke that changed the text. */
  input(): void;
  /** Sent, cleared, switched to a comment or left: "stopped", once, if "typing" was said. */
  stop(): void;
}

/** Throttles WORK-8 typing signals so a fast typist sends a few events, not one per key. */
export function createTypingNotifier(emit: (typing: boolean) => void, repeatMs = TYPING_REPEAT_MS, idleMs = TYPING_IDLE_MS): TypingNotifier {
  let active = false;
  let lastSaid = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(idle);
    idle = undefined;
    if (!active) return;
    active = false;
    emit(false);
  };
  return {
    input() {
      const now = Date.now();
      if (!active || now - lastSaid >= repeatMs) {
        active = true;
        lastSaid = now;
        emit(true);
      }
      clearTimeout(idle);
      idle = setTimeout(stop, idleMs);
    },
    stop,
  };
}

/**
 * The client sees "typing…" while the employee writes a reply (WORK-8). The composer feeds it only for
 * replies: an internal comment being written is none of the client's business. Signals are volatile: a
 * stale "typing" is not worth replaying after a reconnect.
 */
export function useTypingSignal(ticketId: string, enabled: boolean): TypingNotifier {
  const notifier = useMemo(
    () =>
      createTypingNotifier((typing) => {
        const socket = getSocket();
        if (socket.connected) socket.emit('ticket:typing', { ticketId, typing });
      }),
    [ticketId],
  );
  useEffect(() => {
    if (!enabled) notifier.stop();
  }, [enabled, notifier]);
  useEffect(() => () => notifier.stop(), [notifier]);
  return notifier;
}
