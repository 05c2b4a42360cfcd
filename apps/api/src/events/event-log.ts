import type { DomainEvent, DomainEventType, NewDomainEvent } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { prepared, runPrepared } from '../database/prepared';
import type { Tx } from '../database/tx';

/** In-process signal: events were committed here, consumers may read (other instances hear a NOTIFY). */
export const EVENTS_APPENDED = 'event-log.appended';

/** The payload of EVENTS_APPENDED: the types committed (consumers of other types need not look). */
export interface EventsAppended {
  types: readonly DomainEventType[];
}

/** Inserts a batch of events in the given order (identity ids follow the ORDER BY). */
const APPEND = prepared(
  'append-events',
  `INSERT INTO domain_events (type, ticket_id, actor, data)
   SELECT x.type, x.ticket_id, x.actor, x.data
     FROM unnest($1::text[], $2::uuid[], $3::jsonb[], $4::jsonb[]) WITH ORDINALITY AS x(type, ticket_id, actor, data, ord)
    ORDER BY x.ord`,
);

/** Per transaction: whether the consumers will be woken after its commit. */
const WAKE = {};
/** Per transaction: the events it appended. */
const PRODUCED = {};

/** A position in the log: consumers read strictly after it, in (txId, id) order. */
export interface LogPosition {
  txId: string;
  eventId: string;
}

export interface EventRow {
  id: string;
  tx_id: string;
  type: DomainEvent['type'];
  actor: DomainEvent['actor'];
  data: DomainEvent['data'];
  occurred_at: Date;
}

/**
 * The next events after a position that no running transaction can still precede: only events of
 * transactions older than the oldest one still running (snapshot xmin) are handed out, so an event that a
 * slow transaction commits later is never skipped. The extra `held` row says newer ones exist but must
 * wait for an older transaction to end; it counts only events of the types the reader waits for ($5, null:
 * all), so a reader is not kept looking by traffic it passes over (issue #19: at 500 messages a second some
 * transaction is always in flight, and every consumer looked again every 20 ms). Only the events of the
 * reader's types ($4) carry their data. (pg returns bigint columns as strings.)
 */
const READ_AFTER = prepared(
  'read-events-after',
  `
WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin)
(SELECT e.id, e.tx_id, e.type, e.actor, CASE WHEN $4::text[] IS NULL OR e.type = ANY($4::text[]) THEN e.data END AS data, e.occurred_at, false AS held
   FROM domain_events e, horizon h
  WHERE (e.tx_id, e.id) > ($1::bigint, $2::bigint) AND e.tx_id < h.xmin
  ORDER BY e.tx_id, e.id
  LIMIT $3)
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, true
  FROM horizon h
 WHERE EXISTS (SELECT 1 FROM domain_events e WHERE (e.tx_id, e.id) > ($1::bigint, $2::bigint) AND e.tx_id >= h.xmin
                 AND ($5::text[] IS NULL OR e.type = ANY($5::text[])))`,
);

export function ticketIdOf(event: NewDomainEvent): string | null {
  return 'ticketId' in event.data ? event.data.ticketId : null;
}

export function toDomainEvent(row: EventRow): DomainEvent {
  return { id: row.id, type: row.type, actor: row.actor, data: row.data, occurredAt: row.occurred_at.toISOString() } as DomainEvent;
}

/**
 * The durable event log (transactional outbox). Ticket commands append their events inside the
 * transaction of the change, so an event exists exactly when its change committed; consumers read it
 * afterwards with their own cursors (see event-consumers.ts). The in-process emit to sockets stays the
 * fast path and is not part of the log.
 */
@Injectable()
export class EventLog {
  constructor(private readonly emitter: EventEmitter2) {}

  async append(tx: Tx, events: NewDomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await runPrepared(tx.m, APPEND, [
      events.map((e) => e.type),
      events.map(ticketIdOf),
      events.map((e) => JSON.stringify(e.actor)),
      events.map((e) => JSON.stringify(e.data)),
    ]);
    tx.collect(PRODUCED, ...events);
    const wake = tx.local(WAKE, () => ({ armed: false }));
    if (!wake.armed) {
      wake.armed = true;
      tx.afterCommit(() => this.appended([...new Set(this.producedIn(tx).map((e) => e.type))]));
    }
  }

  /** The events a transaction appended so far (with those of its successful savepoints). */
  producedIn(tx: Tx): NewDomainEvent[] {
    return tx.collected<NewDomainEvent>(PRODUCED);
  }

  /** For writers that commit on their own (a single autocommit statement): wake the consumers of these types now. */
  appended(types: readonly DomainEventType[]): void {
    this.emitter.emit(EVENTS_APPENDED, { types } satisfies EventsAppended);
  }

  /**
   * Up to `limit` readable events after a position, and whether newer ones are waiting on older
   * transactions; with `types`, only those carry their data (the others are positions to pass).
   */
  async readAfter(
    m: EntityManager,
    position: LogPosition,
    limit: number,
    types: readonly string[] | null = null,
    waitFor: readonly string[] | null = types,
  ): Promise<{ events: EventRow[]; held: boolean }> {
    const rows = await runPrepared<EventRow & { held: boolean }>(m, READ_AFTER, [position.txId, position.eventId, limit, types, waitFor]);
    return { events: rows.filter((r) => !r.held), held: rows.some((r) => r.held) };
  }
}
