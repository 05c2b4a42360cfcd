import { timingSafeEqual } from 'node:crypto';
import { isSafeNumber, parse as parseLossless } from 'lossless-json';
import { z } from 'zod';

/**
 * What a messenger's webhook delivered, as received (issue #11): the exact bytes, so a signature is
 * checked over what the platform signed, and header names in lower case.
 */
export interface RawWebhook {
  headers: Readonly<Record<string, string | undefined>>;
  query: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

/** The platform's person behind an inbound event: becomes (or finds) a client identity. */
export interface PlatformUser {
  /** The platform's user id, as text (ids beyond 2^53 keep every digit). */
  id: string;
  name: string | null;
  username: string | null;
  avatarUrl: string | null;
  profileUrl: string | null;
  language: string | null;
}

export type InboundAttachmentKind = 'photo' | 'document' | 'audio' | 'voice' | 'video' | 'sticker' | 'location' | 'contact' | 'other';

/** A file (or a thing shown as a placeholder) that came with a message; downloaded later, by the job. */
export interface InboundAttachment {
  kind: InboundAttachmentKind;
  /** How the platform lets us fetch it: a file id (Telegram getFile) or a URL (VK, Viber, OK). Null: nothing to fetch. */
  fileRef: string | null;
  fileName: string | null;
  mimeType: string | null;
  /** Bytes, when the platform says. */
  size: number | null;
  /** What the conversation shows for it when there is no file (a location, a contact, a sticker's emoji). */
  placeholder: string | null;
}

/** Fields every normalised event has. */
interface EventBase {
  /**
   * The platform's id of this delivery, unique per channel: Telegram `update_id`, VK `event_id`, Viber
   * `message_token`, OK `mid`. Text, never a number (Viber's and OK's ids exceed 2^53). The raw event is
   * stored under it, so a repeated delivery is stored once (CHN-4).
   */
  eventId: string;
  /** The conversation on the platform the reply goes to (Telegram chat id, VK peer id, Viber user id…). */
  chatId: string;
  occurredAt: Date;
}

/** An inbound event, the same shape for every platform. */
export type InboundEvent =
  | (EventBase & {
      kind: 'message';
      user: PlatformUser;
      /** The platform's id of the message (edits and receipts refer to it). */
      messageId: string;
      text: string;
      attachments: InboundAttachment[];
    })
  | (EventBase & { kind: 'edit'; user: PlatformUser; messageId: string; text: string })
  /** Our replies reached or were read: by id where the platform names them, else everything sent up to `upTo`. */
  | (EventBase & { kind: 'receipt'; state: 'delivered' | 'read'; messageIds: string[]; upTo: Date | null })
  /** The platform could not deliver replies of ours it had accepted (Viber's `failed` callback), with its reason. */
  | (EventBase & { kind: 'delivery-failed'; messageIds: string[]; reason: string })
  | (EventBase & { kind: 'typing'; user: PlatformUser })
  /** The person blocked the bot or unsubscribed: replies cannot reach them. */
  | (EventBase & { kind: 'unsubscribed'; user: PlatformUser })
  /** They came back (subscribed, unblocked, started the conversation). */
  | (EventBase & { kind: 'subscribed'; user: PlatformUser });

/** An attachment of this kind; what is not given is not known (null). */
export function attachment(kind: InboundAttachmentKind, known: Partial<Omit<InboundAttachment, 'kind'>> = {}): InboundAttachment {
  return { kind, fileRef: null, fileName: null, mimeType: null, size: null, placeholder: null, ...known };
}

/** A numeric platform id as the body has it: a number, or digits when parseJsonBody kept one beyond 2^53. */
export const numericIdSchema = z.union([z.number(), z.string().regex(/^-?\d+$/)]);

/** What a webhook body became: events to store, or a reason it carries nothing for us (answered 200 all the same). */
export type ParseResult = { events: InboundEvent[] } | { ignored: string };

/** An answer to a platform's request that is not an event (VK's confirmation, Viber's webhook check). */
export interface WebhookReply {
  status: number;
  contentType: string;
  body: string;
}

/** The webhook body does not have the platform's shape: refused, logged, stored nowhere. */
export class MalformedWebhookError extends Error {}

/**
 * One messenger's wire protocol, pure (no I/O): how its webhooks prove they are the platform's, its
 * handshakes, how its bodies become normalised events, and what it expects as an answer once they are
 * stored. `S` are the channel's settings, `K` its secrets (decrypted).
 */
export interface PlatformProtocol<S, K> {
  /** Whether the request comes from the platform: its own mechanism, compared in constant time. */
  verify(raw: RawWebhook, settings: S, secrets: K): boolean;
  /** A handshake to answer instead of parsing (null: an ordinary event). Called after verify. */
  handshake(raw: RawWebhook, settings: S, secrets: K): WebhookReply | null;
  /** The body's events; throws MalformedWebhookError when it is not the platform's shape. */
  parse(raw: RawWebhook): ParseResult;
  /** What the platform expects once the events are stored (VK: the plain text `ok`). */
  readonly accepted: WebhookReply;
}

/** Plain 200 `ok`: what most platforms accept. */
export const OK_REPLY: WebhookReply = { status: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' };

/**
 * JSON with integers beyond 2^53 kept as decimal text (Viber's `message_token`, OK's ids): JSON.parse would
 * round them, and two different deliveries would share a key.
 */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    // No run of 16 digits anywhere: no number beyond 2^53 (9007199254740991 has 16), and JSON.parse is many
    // times faster than the lossless parser every body would otherwise take.
    if (!/\d{16}/.test(text)) return JSON.parse(text) as unknown;
    return parseLossless(text, null, (value: string) => (isSafeNumber(value) ? Number(value) : value));
  } catch (error) {
    throw new MalformedWebhookError(`The body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A body checked against the platform's wire schema; what does not match is malformed, with zod's first complaint. */
export function parseWire<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new MalformedWebhookError(`Not the platform's shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Two secrets compared in constant time (a different length is simply not equal). */
export function sameSecret(given: string | Buffer | undefined, expected: string | Buffer): boolean {
  if (given === undefined) return false;
  const a = Buffer.isBuffer(given) ? given : Buffer.from(given, 'utf8');
  const b = Buffer.isBuffer(expected) ? expected : Buffer.from(expected, 'utf8');
  return a.length === b.length && b.length > 0 && timingSafeEqual(a, b);
}

/** An id as text, whether the body had it as a number or (beyond 2^53) as digits. */
export function idText(value: number | string): string {
  return typeof value === 'number' ? String(value) : value;
}

/** A platform's Unix time in seconds (or milliseconds, `ms`) as a Date. */
export function fromUnix(value: number | string, unit: 's' | 'ms' = 's'): Date {
  const n = Number(value);
  return new Date(unit === 's' ? n * 1000 : n);
}
