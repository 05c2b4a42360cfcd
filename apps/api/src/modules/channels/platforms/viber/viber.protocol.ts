import { createHmac } from 'node:crypto';
import { z } from 'zod';
import {
  attachment,
  OK_REPLY,
  fromUnix,
  idText,
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

/** How the bot presents itself on Viber (send_message requires a sender name). */
export interface ViberSettings extends BaseSettings {
  senderName: string;
  senderAvatar: string | null;
}

/** The bot's auth token: it calls the API and keys the webhook signatures. */
export interface ViberSecrets {
  authToken: string;
}

/**
 * Viber's 64-bit `message_token`: parseJsonBody hands it over as digits once it exceeds 2^53, and `int()`
 * refuses a number that already lost them.
 */
const tokenSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(idText);

const userSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  avatar: z.string().nullish(),
  language: z.string().nullish(),
});

const eventShape = { timestamp: z.number() };

// `text` is required only on text messages; on the others it is a caption, when there is one.
const textMessage = z.looseObject({ type: z.literal('text'), text: z.string() });
const pictureMessage = z.looseObject({
  type: z.literal('picture'),
  text: z.string().optional(),
  media: z.string(),
  file_name: z.string().optional(),
  size: z.number().optional(),
});
const videoMessage = z.looseObject({ type: z.literal('video'), text: z.string().optional(), media: z.string(), size: z.number().optional() });
const fileMessage = z.looseObject({
  type: z.literal('file'),
  text: z.string().optional(),
  media: z.string(),
  file_name: z.string().optional(),
  size: z.number().optional(),
  // Viber's docs name it `size`; bottender's captured example (our file.json) has `file_size`.
  file_size: z.number().optional(),
});
const stickerMessage = z.looseObject({
  type: z.literal('sticker'),
  text: z.string().optional(),
  sticker_id: z.union([z.number(), z.string()]),
  media: z.string().optional(),
});
const contactMessage = z.looseObject({
  type: z.literal('contact'),
  text: z.string().optional(),
  contact: z.looseObject({ name: z.string().optional(), phone_number: z.string().optional() }),
});
const urlMessage = z.looseObject({ type: z.literal('url'), text: z.string().optional(), media: z.string() });
const locationMessage = z.looseObject({
  type: z.literal('location'),
  text: z.string().optional(),
  location: z.looseObject({ lat: z.number(), lon: z.number() }),
});

export const viberMessageSchema = z.discriminatedUnion('type', [
  textMessage,
  pictureMessage,
  videoMessage,
  fileMessage,
  stickerMessage,
  contactMessage,
  urlMessage,
  locationMessage,
]);
type ViberMessage = z.infer<typeof viberMessageSchema>;
const MESSAGE_TYPES: ReadonlySet<string> = new Set(viberMessageSchema.options.map((option) => option.shape.type.value));

const messageEventShape = { ...eventShape, event: z.literal('message'), message_token: tokenSchema, sender: userSchema };
export const viberMessageEventSchema = z.looseObject({ ...messageEventShape, message: viberMessageSchema });
/** A message type Viber may add later: kept (as `other`) rather than refused, so the person's words are not lost. */
export const viberUnsupportedMessageEventSchema = z.looseObject({
  ...messageEventShape,
  message: z.looseObject({ type: z.string(), text: z.string().optional(), media: z.string().optional() }),
});

export const viberWebhookEventSchema = z.looseObject({ ...eventShape, event: z.literal('webhook'), message_token: tokenSchema.optional() });
export const viberSubscribedEventSchema = z.looseObject({ ...eventShape, event: z.literal('subscribed'), message_token: tokenSchema, user: userSchema });
export const viberUnsubscribedEventSchema = z.looseObject({
  ...eventShape,
  event: z.literal('unsubscribed'),
  message_token: tokenSchema,
  user_id: z.string().min(1),
});
export const viberConversationStartedEventSchema = z.looseObject({
  ...eventShape,
  event: z.literal('conversation_started'),
  message_token: tokenSchema.optional(),
  type: z.string().optional(),
  context: z.string().optional(),
  user: userSchema,
  subscribed: z.boolean().optional(),
});
const receiptShape = { ...eventShape, message_token: tokenSchema, user_id: z.string().min(1) };
/** `delivered` and `seen`: the same shape. */
export const viberReceiptEventSchema = z.looseObject({ ...receiptShape, event: z.enum(['delivered', 'seen']) });
export const viberFailedEventSchema = z.looseObject({ ...receiptShape, event: z.literal('failed'), desc: z.string().optional() });
// Neither is documented beyond its name, and neither is subscribed to; they are only recognised.
export const viberClientStatusEventSchema = z.looseObject({ event: z.literal('client_status') });
export const viberActionEventSchema = z.looseObject({ event: z.literal('action') });

const envelopeSchema = z.looseObject({ event: z.string() });
const messageTypeSchema = z.looseObject({ message: z.looseObject({ type: z.string() }) });

function user(from: z.infer<typeof userSchema>): PlatformUser {
  return {
    id: from.id,
    name: from.name ?? null,
    username: null,
    avatarUrl: from.avatar ?? null,
    profileUrl: null,
    language: from.language ?? null,
  };
}

function file(kind: InboundAttachmentKind, url: string, fileName: string | undefined, size: number | undefined): InboundAttachment {
  return attachment(kind, { fileRef: url, fileName: fileName ?? null, size: size ?? null });
}

function shown(kind: InboundAttachmentKind, placeholder: string, fileRef: string | null = null): InboundAttachment {
  return attachment(kind, { fileRef, placeholder });
}

function attachments(message: ViberMessage): InboundAttachment[] {
  switch (message.type) {
    case 'text':
    case 'url':
      return [];
    case 'picture':
      return [file('photo', message.media, message.file_name, message.size)];
    case 'video':
      return [file('video', message.media, undefined, message.size)];
    case 'file':
      return [file('document', message.media, message.file_name, message.size ?? message.file_size)];
    case 'sticker':
      return [shown('sticker', 'Sticker', message.media ?? null)];
    case 'contact': {
      const parts = [message.contact.name, message.contact.phone_number].filter(Boolean);
      return [shown('contact', parts.length ? `Contact: ${parts.join(', ')}` : 'Contact')];
    }
    case 'location':
      return [shown('location', `Location: ${message.location.lat}, ${message.location.lon}`)];
  }
}

interface MessageEnvelope {
  timestamp: number;
  message_token: string;
  sender: z.infer<typeof userSchema>;
}

function messageBase(event: MessageEnvelope) {
  return {
    kind: 'message' as const,
    // The bare token: a repeated delivery of the message carries it unchanged, so it is stored once.
    eventId: event.message_token,
    chatId: event.sender.id,
    occurredAt: fromUnix(event.timestamp, 'ms'),
    user: user(event.sender),
    messageId: event.message_token,
  };
}

function parseMessage(body: unknown): InboundEvent {
  const { type } = parseWire(messageTypeSchema, body).message;
  if (!MESSAGE_TYPES.has(type)) {
    const { message, ...event } = parseWire(viberUnsupportedMessageEventSchema, body);
    const placeholder = `Unsupported Viber message: ${message.type}`;
    return { ...messageBase(event), text: message.text ?? '', attachments: [shown('other', placeholder, message.media ?? null)] };
  }
  const { message, ...event } = parseWire(viberMessageEventSchema, body);
  return { ...messageBase(event), text: message.type === 'url' ? message.media : (message.text ?? ''), attachments: attachments(message) };
}

function eventName(raw: RawWebhook): string | null {
  try {
    return envelopeSchema.safeParse(parseJsonBody(raw.body)).data?.event ?? null;
  } catch {
    // Not JSON: not a handshake; parse refuses it.
    return null;
  }
}

/**
 * Viber REST Bot API, inbound: every callback is signed with the auth token; `webhook` is the check
 * `set_webhook` makes; a 200 acknowledges, anything else is retried for about an hour.
 */
export const viberProtocol: PlatformProtocol<ViberSettings, ViberSecrets> = {
  verify(raw, _settings, secrets) {
    // viber-bot-node also reads `?sig=`; some deliveries carry the signature there.
    // An empty token would make the signature computable by anyone.
    if (!secrets.authToken) return false;
    const given = raw.headers['x-viber-content-signature'] ?? raw.query.sig;
    return sameSecret(given, createHmac('sha256', secrets.authToken).update(raw.body).digest('hex'));
  },

  handshake(raw) {
    // set_webhook fails unless this check gets a 200.
    return eventName(raw) === 'webhook' ? OK_REPLY : null;
  },

  parse(raw): ParseResult {
    const body = parseJsonBody(raw.body);
    const { event: name } = parseWire(envelopeSchema, body);
    // A message is keyed by its bare token. Other events are keyed `event:token`: delivered and seen of one
    // message carry that message's token, so bare tokens would make the second receipt a "repeat" of the first.
    switch (name) {
      case 'message':
        return { events: [parseMessage(body)] };
      case 'subscribed': {
        const event = parseWire(viberSubscribedEventSchema, body);
        return {
          events: [
            {
              kind: 'subscribed',
              eventId: `subscribed:${event.message_token}`,
              chatId: event.user.id,
              occurredAt: fromUnix(event.timestamp, 'ms'),
              user: user(event.user),
            },
          ],
        };
      }
      case 'unsubscribed': {
        const event = parseWire(viberUnsubscribedEventSchema, body);
        return {
          events: [
            {
              kind: 'unsubscribed',
              eventId: `unsubscribed:${event.message_token}`,
              chatId: event.user_id,
              occurredAt: fromUnix(event.timestamp, 'ms'),
              // Viber names only the id of whoever left.
              user: { id: event.user_id, name: null, username: null, avatarUrl: null, profileUrl: null, language: null },
            },
          ],
        };
      }
      case 'delivered':
      case 'seen': {
        const event = parseWire(viberReceiptEventSchema, body);
        return {
          events: [
            {
              kind: 'receipt',
              eventId: `${event.event}:${event.message_token}`,
              chatId: event.user_id,
              occurredAt: fromUnix(event.timestamp, 'ms'),
              state: event.event === 'seen' ? 'read' : 'delivered',
              messageIds: [event.message_token],
              upTo: null,
            },
          ],
        };
      }
      case 'failed': {
        // A reply Viber accepted (send_message answered status 0) did not reach the person after all.
        const event = parseWire(viberFailedEventSchema, body);
        return {
          events: [
            {
              kind: 'delivery-failed',
              eventId: `failed:${event.message_token}`,
              chatId: event.user_id,
              occurredAt: fromUnix(event.timestamp, 'ms'),
              messageIds: [event.message_token],
              reason: `Viber could not deliver it: ${event.desc ?? 'no description'}`,
            },
          ],
        };
      }
      case 'conversation_started':
        parseWire(viberConversationStartedEventSchema, body);
        return { ignored: 'conversation_started: the person opened the chat, nothing written yet' };
      case 'webhook':
        parseWire(viberWebhookEventSchema, body);
        return { ignored: 'webhook: the set_webhook check, answered by the handshake' };
      case 'client_status':
        parseWire(viberClientStatusEventSchema, body);
        return { ignored: 'client_status: nothing for the conversation' };
      case 'action':
        parseWire(viberActionEventSchema, body);
        return { ignored: 'action: nothing for the conversation' };
      default:
        // Viber sends only the event types set_webhook asked for; a new one is not a broken body.
        return { ignored: `${name}: not a Viber event we handle` };
    }
  },

  accepted: OK_REPLY,
};
