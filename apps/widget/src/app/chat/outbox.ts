import { ErrorCode, type Ack, type ApiError, type Attachment, type PageContext, type VisitorMessage } from '@omnichannel/contracts';
import { isRecord, readJson, writeJson } from '../lib/storage';

/**
 * Messages written but not yet acknowledged by the server (WGT-8). Persisted, so that they survive a
 * reload or a closed tab, and resent until acknowledged; the server stores a clientMsgId once, so a
 * resend after a lost ack is safe. Every change re-reads storage first: another tab of the same site
 * shares the outbox.
 */
export interface OutboxEntry {
  clientMsgId: string;
  body: string;
  createdAt: string;
  page?: PageContext;
  /** Files uploaded for this message (WGT-9); their ids go with it. */
  attachments?: Attachment[];
}

function isAttachment(value: unknown): value is Attachment {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.mime === 'string' &&
    typeof value.size === 'number' &&
    typeof value.isImage === 'boolean' &&
    typeof value.url === 'string'
  );
}

function isEntry(value: unknown): value is OutboxEntry {
  return (
    isRecord(value) &&
    typeof value.clientMsgId === 'string' &&
    typeof value.body === 'string' &&
    typeof value.createdAt === 'string' &&
    (value.page === undefined || isRecord(value.page)) &&
    (value.attachments === undefined || (Array.isArray(value.attachments) && value.attachments.every(isAttachment)))
  );
}

function isEntryList(value: unknown): value is OutboxEntry[] {
  return Array.isArray(value) && value.every(isEntry);
}

/**
 * What the server's answer to a send means: stored, refused (shown with its reason), or `later` when the
 * service is away (503 DATABASE_UNAVAILABLE), which says nothing about the message itself.
 */
export type SendOutcome = { kind: 'stored'; message: VisitorMessage } | { kind: 'refused'; error: Pick<ApiError, 'code' | 'message'> } | { kind: 'later' };

export class Outbox {
  constructor(private readonly storageKey: string) {}

  entries(): OutboxEntry[] {
    return readJson(this.storageKey, isEntryList) ?? [];
  }

  add(entry: OutboxEntry): void {
    const entries = this.entries().filter((e) => e.clientMsgId !== entry.clientMsgId);
    writeJson(this.storageKey, [...entries, entry]);
  }

  /**
   * Takes the server's answer to a send. A stored or refused message leaves the outbox; one the service
   * could not take now stays, to be sent again with the same clientMsgId (stored once, however often sent).
   */
  settle(clientMsgId: string, ack: Ack<VisitorMessage>): SendOutcome {
    if (!ack.ok && ack.error.code === ErrorCode.DatabaseUnavailable) return { kind: 'later' };
    this.remove(clientMsgId);
    return ack.ok ? { kind: 'stored', message: ack.data } : { kind: 'refused', error: { code: ack.error.code, message: ack.error.message } };
  }

  remove(clientMsgId: string): void {
    const entries = this.entries();
    const rest = entries.filter((e) => e.clientMsgId !== clientMsgId);
    if (rest.length !== entries.length) writeJson(this.storageKey, rest);
  }
}
