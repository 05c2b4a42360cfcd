import type { OperatorPresence } from '@omnichannel/contracts';

/** Domain events of the dispatcher, emitted after the change committed. */
export const DispatcherEvents = {
  /** DSP-1: an operator's status changed. */
  StatusChanged: 'operator.status-changed',
  /** DSP-4: an operator's limit, or which statuses receive chats, changed (capacity may have appeared). */
  LimitChanged: 'operator.limit-changed',
  /** The gateway saw an employee's socket connect or close (DSP-2 counts the connections). */
  Connected: 'operator.connected',
  Disconnected: 'operator.disconnected',
} as const;

export interface StatusChangedEvent {
  presence: OperatorPresence;
  from: string | null;
  receivesChats: boolean;
  by: 'self' | 'admin' | 'auto';
}

export interface LimitChangedEvent {
  /** The operator whose own limit changed; absent when a status's "receives chats" changed. */
  presence?: OperatorPresence;
}

export interface ConnectionEvent {
  employeeId: string;
}
