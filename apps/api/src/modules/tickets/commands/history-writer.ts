import { ErrorCode, type SystemEvent } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../common/errors/app-error';
import { prepared, runPrepared, type PreparedStatement } from '../../../database/prepared';
import { QueueService } from '../../../queue/queue.service';
import { AttachmentsService } from '../../attachments/attachments.service';
import { MESSAGE_COLUMNS, MESSAGE_SELECT, systemEventText, type MessageRow } from '../tickets.mappers';

/** The queue task that hands an employee's reply to its channel (see channels/outbound-delivery). */
export const DELIVER_MESSAGE_TASK = 'deliver-message';

/** Whose entry takes the next number: a client's starts their wait, an employee's reply ends it. */
export type SeqAuthor = 'client' | 'employee' | 'system';

/** Prepared (database/prepared.ts): every history entry of every ticket takes its number here. */
const NEXT_SEQ: Record<SeqAuthor, PreparedStatement> = {
  client: prepared('next-seq-client', `UPDATE tickets SET last_seq = last_seq + 1, last_client_seq = last_seq + 1, updated_at = now(), last_message_at = now(),
                  waiting_since = COALESCE(waiting_since, now()) WHERE id = $1 RETURNING last_seq`),
  employee: prepared('next-seq-employee', `UPDATE tickets SET last_seq = last_seq + 1, updated_at = now(), last_message_at = now(), waiting_since = NULL,
                    first_replied_at = COALESCE(first_replied_at, now()) WHERE id = $1 RETURNING last_seq`),
  system: prepared('next-seq-system', 'UPDATE tickets SET last_seq = last_seq + 1, updated_at = now() WHERE id = $1 RETURNING last_seq'),
};

const NUMBER_MANY = prepared(
  'number-many',
  `UPDATE tickets t SET last_seq = t.last_seq + x.n, updated_at = now()
     FROM unnest($1::uuid[], $2::int[]) AS x(id, n) WHERE t.id = x.id RETURNING t.id, t.last_seq`,
);

const INSERT_SYSTEM_MANY = prepared(
  'insert-system-many',
  `INSERT INTO messages (ticket_id, seq, kind, body, event)
   SELECT x.ticket_id, x.seq, 'system', x.body, x.event FROM unnest($1::uuid[], $2::int[], $3::text[], $4::jsonb[]) AS x(ticket_id, seq, body, event)
   RETURNING ${MESSAGE_COLUMNS}`,
);

const MESSAGE_BY_ID = prepared('message-by-id', `${MESSAGE_SELECT} WHERE m.id = $1`);

export interface NewEntry {
  ticketId: string;
  kind: 'reply' | 'comment';
  body: string;
  /** The employee who wrote it; null for a rule's comment, or a rule's reply on a request nobody holds. */
  authorId: string | null;
  clientMsgId?: string | null;
  /** The author's own uploads (or template files, which are copied). */
  attachmentIds?: string[];
  /** A template whose files the entry carries (a rule's template reply). */
  templateId?: string | null;
  /** SET-1: a merged reply shows only in the ticket's history. */
  shownIn?: 'both' | 'ticket';
}

/**
 * Writing a ticket's history (CORE-5), for the ticket commands only: sequence numbers under the ticket's
 * row lock, system entries, employees' entries with their files and their delivery job.
 */
@Injectable()
export class HistoryWriter {
  constructor(
    private readonly queue: QueueService,
    private readonly attachments: AttachmentsService,
  ) {}

  /**
   * Hands out the next history sequence number. The row lock taken by this UPDATE serialises writers of
   * one ticket, so numbers are ordered by commit.
   */
  async nextSeq(m: EntityManager, ticketId: string, author: SeqAuthor): Promise<number> {
    const [row] = await runPrepared<{ last_seq: number }>(m, NEXT_SEQ[author], [ticketId]);
    if (typeof row?.last_seq !== 'number') throw new Error(`Ticket ${ticketId} not found while numbering history`);
    return row.last_seq;
  }

  async system(m: EntityManager, ticketId: string, event: SystemEvent): Promise<MessageRow> {
    const [row] = await this.systemMany(m, [{ ticketId, event }]);
    if (!row) throw new Error('System entry was not stored');
    return row;
  }

  /** Several system entries in two statements, numbered in the order given. */
  async systemMany(m: EntityManager, entries: { ticketId: string; event: SystemEvent }[]): Promise<MessageRow[]> {
    if (entries.length === 0) return [];
    const counts = new Map<string, number>();
    for (const e of entries) counts.set(e.ticketId, (counts.get(e.ticketId) ?? 0) + 1);
    const numbered = await runPrepared<{ id: string; last_seq: number }>(m, NUMBER_MANY, [[...counts.keys()], [...counts.values()]]);
    const next = new Map(numbered.map((r) => [r.id, r.last_seq - (counts.get(r.id) ?? 0)]));
    const seqs = entries.map((e) => {
      const seq = (next.get(e.ticketId) ?? 0) + 1;
      next.set(e.ticketId, seq);
      return seq;
    });
    const rows = await runPrepared<MessageRow>(
      m,
      INSERT_SYSTEM_MANY,
      [entries.map((e) => e.ticketId), seqs, entries.map((e) => systemEventText(e.event)), entries.map((e) => JSON.stringify(e.event))],
    );
    return rows.map((r) => ({ ...r, attachments: [] })).sort((a, b) => a.seq - b.seq);
  }

  /**
   * An employee's reply or comment with its files; a reply also gets its delivery job in the same
   * transaction, so a committed reply is always delivered (or marked failed), by any instance.
   */
  async entry(m: EntityManager, entry: NewEntry): Promise<MessageRow> {
    // Only a reply to the client is delivered and ends their wait; a comment leaves the wait alone, and a
    // merged reply (SET-1) restates replies the client already has.
    const delivered = entry.kind === 'reply' && entry.shownIn !== 'ticket';
    const seq = await this.nextSeq(m, entry.ticketId, delivered ? 'employee' : 'system');
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO messages (ticket_id, seq, kind, body, author_employee_id, client_msg_id, visibility, delivery_state, delivery_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8::text IS NULL THEN NULL ELSE now() END)
       RETURNING id`,
      [entry.ticketId, seq, entry.kind, entry.body, entry.authorId, entry.clientMsgId ?? null, entry.shownIn ?? 'both', delivered ? 'queued' : null],
    );
    if (!row) throw new Error('Message was not stored');
    if (entry.attachmentIds?.length) {
      if (!entry.authorId) throw new Error('Files of an entry without an author must come from a template');
      await this.attachments.linkToMessage(m, entry.attachmentIds, { employeeId: entry.authorId }, row.id, entry.ticketId);
    }
    if (entry.templateId) await this.attachments.copyTemplateFiles(m, entry.templateId, row.id, entry.ticketId, entry.authorId);
    if (delivered) await this.enqueueDelivery(m, row.id, entry.ticketId);
    return this.messageRow(m, row.id);
  }

  async enqueueDelivery(m: EntityManager, messageId: string, ticketId: string): Promise<void> {
    await this.queue.enqueue(m, DELIVER_MESSAGE_TASK, { messageId }, { queueName: `deliver:${ticketId}` });
  }

  async messageRow(m: EntityManager, id: string): Promise<MessageRow> {
    const [row] = await runPrepared<MessageRow>(m, MESSAGE_BY_ID, [id]);
    if (!row) throw new AppError(ErrorCode.MessageNotFound, 'Message not found');
    return row;
  }
}
