import { ErrorCode } from '@omnichannel/contracts';
import { AppError } from '../../../common/errors/app-error';

/** What the invariants look at: the ticket's row as locked by the command. */
export interface TicketState {
  live: boolean;
  status: string;
  executor_id: string | null;
}

/**
 * The rules every change to a ticket obeys, checked in one place (the ticket commands), whoever asks:
 * an employee, a dispatcher rule, the SLA clock, later a channel or an integration.
 */

/** Assigning, transferring, inviting and completing concern a live chat only. */
export function assertLive(ticket: TicketState, message = 'This conversation is already completed'): void {
  if (!ticket.live) throw new AppError(ErrorCode.TicketNotLive, message);
}

/** WORK-11: only completing ends a live chat, so a live ticket never gets a final status. */
export function assertStatusAllowed(ticket: TicketState, target: { isFinal: boolean }): void {
  if (ticket.live && target.isFinal) throw new AppError(ErrorCode.TicketNotLive, 'Complete the live chat to close it');
}

/** CORE-6: replies reach the client in the live chat, and afterwards until the ticket is closed. */
export function assertCanReply(ticket: TicketState, currentStatusIsFinal: boolean): void {
  if (!ticket.live && currentStatusIsFinal) throw new AppError(ErrorCode.TicketNotLive, 'This ticket is closed; replies can no longer be sent');
}

/**
 * While a chat is live, whether someone holds it decides its status: in progress with an executor, open
 * without. A change that keeps the executor keeps the status (a rule may have set "waiting").
 */
export function statusAfterExecutorChange(ticket: TicketState, executorId: string | null): string {
  if (executorId === ticket.executor_id) return ticket.status;
  return executorId ? 'in_progress' : 'open';
}

/** A closed ticket that gets an open status again is reopened. */
export function reopens(ticket: TicketState, currentIsFinal: boolean, target: { isFinal: boolean }): boolean {
  return !ticket.live && currentIsFinal && !target.isFinal;
}
