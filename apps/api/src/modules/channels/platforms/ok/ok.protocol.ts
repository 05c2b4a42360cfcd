/**
 * OK (Odnoklassniki) Bot API for groups (../shared/reference/channels.md §7).
 *
 * Authenticity: OK signs nothing and sends no secret, so the proof is ours. The URL we give to
 * `POST /graph/me/subscribe` carries an unguessable per-channel token, which the pipeline hands over as
 * `query.token`; it is compared with the channel's webhook secret in constant time. On top of that, when the
 * channel lists source ranges (by default the three ranges OK documents) and the request names its address, that
 * address must lie in one of them. The address check is never enough by itself: `X-Forwarded-For` is written
 * by whoever sends the request unless every proxy on the way rewrites it, the ranges are OK's own and may
 * change without notice, and they say only "some OK server", not "for this channel".
 */
import { z } from 'zod';
import {
  attachment,
  fromUnix,
  idText,
  MalformedWebhookError,
  OK_REPLY,
  parseJsonBody,
  parseWire,
  sameSecret,
  type InboundAttachment,
  type InboundAttachmentKind,
  type InboundEvent,
  type ParseResult,
  type PlatformProtocol,
  type PlatformUser,
  type RawWebhook,
} from '../platform-protocol';
import type { BaseSettings } from '../platform-client';

export interface OkSettings extends BaseSettings {
  /** IPv4 CIDR ranges webhooks may come from; empty: any address (the token alone decides); null: OK's documented ranges. */
  allowedSources: string[] | null;
}

export interface OkSecrets {
  /** The group's API token (outbound calls). */
  accessToken: string;
  /** The token in the webhook URL we subscribed. */
  webhookSecret: string;
}

/** The addresses OK documents its webhooks come from (graph.user.subscribe). */
export const OK_SOURCE_RANGES: readonly string[] = ['217.20.145.192/28', '217.20.151.160/28', '217.20.153.48/28'];

/** Ids are text ("user:…", "chat:…", "mid:…") or numbers; parseJsonBody leaves those beyond 2^53 as digits. */
const id = z.union([z.number().int(), z.string().min(1)]);

const senderSchema = z.looseObject({ user_id: id, name: z.string().optional() });
const recipientSchema = z.looseObject({ chat_id: id });

const attachmentSchema = z.looseObject({
  type: z.string(),
  payload: z.looseObject({ url: z.string().optional() }).optional(),
});

const messageCreatedSchema = z.looseObject({
  webhookType: z.literal('MESSAGE_CREATED').optional(),
  sender: senderSchema,
  recipient: recipientSchema,
  message: z.looseObject({
    mid: id,
    seq: id.optional(),
    text: z.string().optional(),
    attachments: z.array(attachmentSchema).optional(),
  }),
  /** Milliseconds. */
  timestamp: z.number(),
});

/** A press on one of a message's buttons. */
const messageCallbackSchema = z.looseObject({
  webhookType: z.literal('MESSAGE_CALLBACK'),
  callbackId: id,
  payload: z.string().optional(),
});

/** What every body has: its type (absent in the older API, whose only webhook is a message). */
const envelopeSchema = z.looseObject({ webhookType: z.string().optional(), message: z.unknown().optional() });

type OkMessageCreated = z.infer<typeof messageCreatedSchema>;
type OkAttachment = z.infer<typeof attachmentSchema>;

/** How each documented attachment type is shown; `fetch`: its payload URL is the content itself. */
const ATTACHMENT_TYPES: Readonly<Record<string, { kind: InboundAttachmentKind; label: string; fetch: boolean }>> = {
  IMAGE: { kind: 'photo', label: 'Photo', fetch: true },
  VIDEO: { kind: 'video', label: 'Video', fetch: true },
  AUDIO: { kind: 'audio', label: 'Audio', fetch: true },
  MUSIC: { kind: 'audio', label: 'Music', fetch: true },
  FILE: { kind: 'document', label: 'File', fetch: true },
  STICKER: { kind: 'sticker', label: 'Sticker', fetch: true },
  // A shared link is a web page, not a file to download.
  SHARE: { kind: 'other', label: 'Link', fetch: false },
  // No sample shows their payloads; the raw event is stored, so the placeholder only names them.
  LOCATION: { kind: 'location', label: 'Location', fetch: false },
  CONTACT: { kind: 'contact', label: 'Contact', fetch: false },
  CALL: { kind: 'other', label: 'Call', fetch: false },
  PRESENT: { kind: 'other', label: 'Gift', fetch: false },
};

/** The job fetches this URL from our server later: only https, never another scheme the body names. */
function httpsUrl(value: string | undefined): string | null {
  if (value === undefined || !URL.canParse(value)) return null;
  return new URL(value).protocol === 'https:' ? value : null;
}

function toAttachment(a: OkAttachment): InboundAttachment {
  const known = ATTACHMENT_TYPES[a.type];
  const url = httpsUrl(a.payload?.url);
  const fileRef = known?.fetch ? url : null;
  let placeholder: string | null = null;
  if (!fileRef) {
    const label = known?.label ?? `Attachment ${a.type}`;
    placeholder = url && a.type === 'SHARE' ? `${label}: ${url}` : label;
  }
  return attachment(known?.kind ?? 'other', { fileRef, placeholder });
}

function toUser(sender: OkMessageCreated['sender']): PlatformUser {
  // The event names the person only by id and name; OK gives no avatar, login or language here.
  return { id: idText(sender.user_id), name: sender.name || null, username: null, avatarUrl: null, profileUrl: null, language: null };
}

function fromMessage(body: OkMessageCreated): InboundEvent {
  const m = body.message;
  const mid = idText(m.mid);
  return {
    kind: 'message',
    // OK names message.mid as the key: a resend after a slow answer carries the same one.
    eventId: mid,
    chatId: idText(body.recipient.chat_id),
    occurredAt: fromUnix(body.timestamp, 'ms'),
    user: toUser(body.sender),
    messageId: mid,
    text: m.text ?? '',
    // The keyboard is our own buttons echoed back, not something the person sent.
    attachments: (m.attachments ?? []).filter((a) => a.type !== 'INLINE_KEYBOARD').map(toAttachment),
  };
}

/** A dotted IPv4 address as an unsigned 32-bit number; null for anything else (IPv6 included). */
function ipv4(text: string): number | null {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)?.slice(1).map(Number);
  if (!parts || parts.some((part) => part > 255)) return null;
  return parts.reduce((n, part) => n * 256 + part, 0);
}

/** Whether an IPv4 address lies in `a.b.c.d/n`; a range that does not parse contains nothing. */
function inRange(address: number, range: string): boolean {
  const [base, bitsText, ...rest] = range.trim().split('/');
  const start = ipv4(base ?? '');
  const bits = Number(bitsText);
  if (start === null || rest.length > 0 || !/^\d{1,2}$/.test(bitsText ?? '') || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(start / size);
}

/**
 * The sender's address as the request states it: ours (`x-omni-remote-address`, set by our server) before
 * the first `X-Forwarded-For` entry, which is the original client when proxies append to it. IPv4-mapped
 * IPv6 is unwrapped. Null when neither header is there.
 */
function remoteAddress(headers: RawWebhook['headers']): string | null {
  const stated = headers['x-omni-remote-address'] ?? headers['x-forwarded-for']?.split(',')[0];
  if (stated === undefined) return null;
  const address = stated.trim();
  return address.toLowerCase().startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

export const okProtocol: PlatformProtocol<OkSettings, OkSecrets> = {
  verify(raw: RawWebhook, settings: OkSettings, secrets: OkSecrets): boolean {
    if (!sameSecret(raw.query.token, secrets.webhookSecret)) return false;
    // Settings are stored JSON: a channel saved without the field gets OK's documented ranges.
    const ranges: readonly string[] = Array.isArray(settings.allowedSources) ? settings.allowedSources : OK_SOURCE_RANGES;
    const address = remoteAddress(raw.headers);
    if (ranges.length === 0 || address === null) return true;
    const n = ipv4(address);
    return n !== null && ranges.some((range) => typeof range === 'string' && inRange(n, range));
  },

  // Subscribing is a plain API call answered {"success":true}: OK sends nothing to check the URL.
  handshake(): null {
    return null;
  },

  parse(raw: RawWebhook): ParseResult {
    const body = parseJsonBody(raw.body);
    const envelope = parseWire(envelopeSchema, body);
    const type = envelope.webhookType ?? (envelope.message === undefined ? undefined : 'MESSAGE_CREATED');
    switch (type) {
      case undefined:
        throw new MalformedWebhookError('Neither a webhookType nor a message');
      case 'MESSAGE_CREATED':
        return { events: [fromMessage(parseWire(messageCreatedSchema, body))] };
      case 'MESSAGE_CALLBACK':
        // We send no buttons, so a press has nothing to answer.
        return { ignored: `a button callback ${idText(parseWire(messageCallbackSchema, body).callbackId)}` };
      case 'CHAT_SYSTEM':
        return { ignored: 'a chat system event' };
      default:
        return { ignored: `webhook of type ${type}` };
    }
  },

  // OK wants a 200 within 5 s and reads nothing in it.
  accepted: OK_REPLY,
};
