import type { VisitorMessage } from '@omnichannel/contracts';

/**
 * The visitor's history as conversations (tickets) in the order they appeared; within each, messages
 * ordered by seq. Sequence numbers are per ticket, so they only order messages within a segment.
 */
export interface Segment {
  ticketId: string;
  messages: VisitorMessage[];
}

/**
 * Adds messages to the history: a message already present (same id) is never added twice, whatever
 * path brought it (ack, live push, sync after a reconnect). Returns the same array when nothing changed.
 */
export function mergeMessages(segments: Segment[], incoming: readonly VisitorMessage[]): Segment[] {
  let result = segments;
  for (const message of incoming) {
    const index = result.findIndex((s) => s.ticketId === message.ticketId);
    const segment = index >= 0 ? result[index] : undefined;
    if (!segment) {
      result = [...result, { ticketId: message.ticketId, messages: [message] }];
      continue;
    }
    if (segment.messages.some((m) => m.id === message.id || m.seq === message.seq)) continue;
    const messages = [...segment.messages];
    let at = messages.length;
    while (at > 0 && (messages[at - 1]?.seq ?? 0) > message.seq) at -= 1;
    messages.splice(at, 0, message);
    result = result.map((s, i) => (i === index ? { ticketId: s.ticketId, messages } : s));
  }
  return result;
}

/** Adds an empty conversation at the end (a new ticket announced before its first message arrives). */
export function ensureSegment(segments: Segment[], ticketId: string): Segment[] {
  return segments.some((s) => s.ticketId === ticketId) ? segments : [...segments, { ticketId, messages: [] }];
}

export function hasTicket(segments: readonly Segment[], ticketId: string): boolean {
  return segments.some((s) => s.ticketId === ticketId);
}

/** The highest seq seen for a ticket: where a sync after a reconnect resumes. */
export function lastSeq(segments: readonly Segment[], ticketId: string): number {
  const messages = segments.find((s) => s.ticketId === ticketId)?.messages;
  return messages?.[messages.length - 1]?.seq ?? 0;
}

export function containsClientMsg(segments: readonly Segment[], clientMsgId: string): boolean {
  return segments.some((s) => s.messages.some((m) => m.clientMsgId === clientMsgId));
}

/** Per ticket, the highest seq the visitor has had on screen. */
export type SeenMarks = Record<string, number>;

/** Operator replies the visitor has not had on screen yet. */
export function unseenReplies(segments: readonly Segment[], seen: SeenMarks): VisitorMessage[] {
  const result: VisitorMessage[] = [];
  for (const segment of segments) {
    const mark = seen[segment.ticketId] ?? 0;
    for (const m of segment.messages) if (m.kind === 'reply' && m.seq > mark) result.push(m);
  }
  return result;
}

/** Marks everything currently loaded as seen; keeps the marks of loaded tickets only. */
export function markAllSeen(segments: readonly Segment[]): SeenMarks {
  const marks: SeenMarks = {};
  for (const segment of segments) marks[segment.ticketId] = lastSeq(segments, segment.ticketId);
  return marks;
}
