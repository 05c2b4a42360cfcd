import { ErrorCode, type Message, type TicketSummary } from '@omnichannel/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { AppError } from '../../../common/errors/app-error';
import { loggableError } from '../../../common/errors/error-response';
import { prepared, runPrepared } from '../../../database/prepared';
import type { Tx } from '../../../database/tx';
import { SUMMARY_SELECT, toMessage, toTicketSummary, type MessageRow, type TicketRow } from '../tickets.mappers';
import {
  TicketEvents,
  ticketRef,
  type MessageCreatedEvent,
  type SlaBreachedEvent,
  type TicketChangeReason,
  type TicketChangedEvent,
  type TicketHandedEvent,
  type TicketRef,
} from '../tickets.events';

type Previous = NonNullable<TicketChangedEvent['previous']>;

interface Pending {
  reason: TicketChangeReason;
  previous: Previous;
  entries: MessageRow[];
  handed: Omit<TicketHandedEvent, 'ticket'>[];
  breaches: SlaBreachedEvent['deadline'][];
}

/** When one transaction changes a ticket several ways, lists and the widget hear of the weightiest. */
const WEIGHT: Record<TicketChangeReason, number> = { updated: 0, message: 1, assigned: 2, transferred: 3, completed: 4, created: 5 };

/** Every change of every ticket is announced with its list entry read here. */
const SUMMARY_BY_ID = prepared('ticket-summary-by-id', `${SUMMARY_SELECT} WHERE t.id = $1`);

/** Per transaction: the announcements its commands collected, and the summaries sent after commit. */
const PENDING = {};

/**
 * The fast path from ticket commands to sockets: commands note what changed; once the transaction has
 * committed, each changed ticket is read once and announced (its new state, then its new history entries).
 */
@Injectable()
export class TicketAnnouncer {
  private readonly logger = new Logger('TicketAnnouncer');

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
  ) {}

  changed(tx: Tx, ticketId: string, reason: TicketChangeReason, previous?: Previous): void {
    const p = this.pending(tx, ticketId);
    if (WEIGHT[reason] > WEIGHT[p.reason]) p.reason = reason;
    // The first "before" seen is where the ticket was when the transaction began.
    if (previous?.departmentId !== undefined) p.previous.departmentId ??= previous.departmentId;
    if (previous?.executorId !== undefined && !('executorId' in p.previous)) p.previous.executorId = previous.executorId;
  }

  entries(tx: Tx, ticketId: string, rows: MessageRow[]): void {
    this.pending(tx, ticketId).entries.push(...rows);
  }

  handed(tx: Tx, ticketId: string, handed: Omit<TicketHandedEvent, 'ticket'>): void {
    this.pending(tx, ticketId).handed.push(handed);
  }

  breached(tx: Tx, ticketId: string, deadline: SlaBreachedEvent['deadline']): void {
    this.pending(tx, ticketId).breaches.push(deadline);
  }

  /** The summary announced after this transaction committed, else the ticket as it is now. */
  async summaryAfter(tx: Tx, ticketId: string): Promise<TicketSummary> {
    return this.state(tx).announced.get(ticketId) ?? this.summary(ticketId);
  }

  async summary(ticketId: string): Promise<TicketSummary> {
    const [row] = await runPrepared<TicketRow>(this.dataSource, SUMMARY_BY_ID, [ticketId]);
    if (!row) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    return toTicketSummary(row);
  }

  /** A client's message committed with its ticket's new list entry (the one-statement append): both go out now. */
  clientMessage(message: Message, ticket: TicketSummary, reason: TicketChangeReason): void {
    this.events.emit(TicketEvents.MessageCreated, { message, ticket: ticketRef(ticket) } satisfies MessageCreatedEvent);
    this.events.emit(TicketEvents.Changed, { ticket, reason } satisfies TicketChangedEvent);
  }

  /**
   * A client's message committed by a transaction (a new ticket, files): the message goes out at once (the
   * sender's ack does not wait), the ticket's list entry when it has been read back.
   */
  clientMessageThenTicket(message: Message, ticket: TicketRef, reason: TicketChangeReason): void {
    this.events.emit(TicketEvents.MessageCreated, { message, ticket } satisfies MessageCreatedEvent);
    this.summary(ticket.id)
      .then((summary) => this.events.emit(TicketEvents.Changed, { ticket: summary, reason } satisfies TicketChangedEvent))
      .catch((error: unknown) => this.logger.error({ err: loggableError(error), msg: `Ticket ${ticket.id} could not be announced` }));
  }

  private state(tx: Tx) {
    return tx.local(PENDING, () => {
      const state = { tickets: new Map<string, Pending>(), announced: new Map<string, TicketSummary>() };
      tx.afterCommit(() => this.flush(state.tickets, state.announced));
      return state;
    });
  }

  private pending(tx: Tx, ticketId: string): Pending {
    const { tickets } = this.state(tx);
    let p = tickets.get(ticketId);
    if (!p) {
      p = { reason: 'updated', previous: {}, entries: [], handed: [], breaches: [] };
      tickets.set(ticketId, p);
    }
    return p;
  }

  private async flush(tickets: Map<string, Pending>, announced: Map<string, TicketSummary>): Promise<void> {
    for (const [ticketId, p] of tickets) {
      const ticket = await this.summary(ticketId);
      announced.set(ticketId, ticket);
      const previous = Object.keys(p.previous).length > 0 ? p.previous : undefined;
      this.events.emit(TicketEvents.Changed, { ticket, reason: p.reason, previous } satisfies TicketChangedEvent);
      const ref = ticketRef(ticket);
      for (const entry of [...p.entries].sort((a, b) => a.seq - b.seq)) {
        this.events.emit(TicketEvents.MessageCreated, { message: toMessage(entry), ticket: ref } satisfies MessageCreatedEvent);
      }
      for (const h of p.handed) this.events.emit(TicketEvents.Handed, { ...h, ticket } satisfies TicketHandedEvent);
      for (const deadline of p.breaches) this.events.emit(TicketEvents.SlaBreached, { ticket, deadline } satisfies SlaBreachedEvent);
    }
  }
}
