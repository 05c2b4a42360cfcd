import { z } from 'zod';
import {
  attachment,
  numericIdSchema,
  fromUnix,
  idText,
  MalformedWebhookError,
  OK_REPLY,
  parseJsonBody,
  parseWire,
  sameSecret,
  type InboundAttachment,
  type InboundEvent,
  type ParseResult,
  type PlatformProtocol,
  type PlatformUser,
  type RawWebhook,
  type WebhookReply,
} from '../platform-protocol';
import type { BaseSettings } from '../platform-client';

/** VK Callback API (../shared/reference/channels.md §2). */
export interface VkSettings extends BaseSettings {
  /** The community the callback server belongs to; VK names it in every request as `group_id`. */
  groupId: number | null;
}

export interface VkSecrets {
  /** The callback server's "secret key": VK puts it in the body of every request as `secret`. */
  secret: string;
  /** The string VK expects back, as the whole body, when it confirms the server. */
  confirmation: string;
  /** The community token for messages.send and users.get (not used by the wire protocol). */
  accessToken: string;
}

/** Ids are integers (negative for communities); beyond 2^53 the body parser keeps them as digits. */
const vkId = numericIdSchema;

export const vkEnvelopeSchema = z.looseObject({
  type: z.string().min(1),
  event_id: z.string().optional(),
  v: z.string().optional(),
  group_id: vkId.optional(),
  secret: z.string().optional(),
  object: z.unknown().optional(),
});

const imageSchema = z.looseObject({ url: z.string(), width: z.number().optional(), height: z.number().optional() });

export const vkAttachmentSchema = z.looseObject({
  type: z.string(),
  photo: z.looseObject({ sizes: z.array(imageSchema).optional(), orig_photo: imageSchema.optional() }).optional(),
  doc: z.looseObject({ url: z.string().optional(), title: z.string().optional(), size: z.number().optional(), ext: z.string().optional() }).optional(),
  audio_message: z.looseObject({ link_ogg: z.string().optional(), link_mp3: z.string().optional() }).optional(),
  sticker: z.looseObject({ images: z.array(imageSchema).optional() }).optional(),
  graffiti: z.looseObject({ url: z.string().optional() }).optional(),
  link: z.looseObject({ url: z.string().optional() }).optional(),
});

export const vkMessageSchema = z.looseObject({
  id: vkId,
  date: z.number().optional(),
  update_time: z.number().optional(),
  peer_id: vkId.optional(),
  from_id: vkId,
  out: z.number().optional(),
  text: z.string().optional(),
  conversation_message_id: vkId.optional(),
  attachments: z.array(vkAttachmentSchema).optional(),
  action: z.looseObject({ type: z.string() }).optional(),
});

/** message_new since API 5.103: the message is wrapped (next to `client_info`, which we do not read). */
export const vkMessageNewObjectSchema = z.looseObject({ message: vkMessageSchema });

export const vkMessageAllowObjectSchema = z.looseObject({ user_id: vkId, key: z.string().optional() });

export const vkMessageDenyObjectSchema = z.looseObject({ user_id: vkId });

export const vkMessageTypingStateObjectSchema = z.looseObject({ state: z.string(), from_id: vkId, to_id: vkId.optional() });

/** Not documented beyond its name (reference §2, marked [U]): every field is read as optional. */
export const vkMessageReadObjectSchema = z.looseObject({
  from_id: vkId.optional(),
  peer_id: vkId.optional(),
  read_message_id: vkId.optional(),
  conversation_message_id: vkId.optional(),
});

type VkEnvelope = z.infer<typeof vkEnvelopeSchema>;
type VkMessage = z.infer<typeof vkMessageSchema>;
type VkImage = z.infer<typeof imageSchema>;
type VkAttachment = z.infer<typeof vkAttachmentSchema>;

/** The envelope's `object`, checked against a schema; a complaint names its path from the body's root. */
function objectOf<T>(envelope: VkEnvelope, schema: z.ZodType<T>): T {
  return parseWire(z.looseObject({ object: schema }), envelope).object;
}

/** The envelope, or null when the body is not VK's (verify and handshake answer instead of throwing). */
function envelopeOrNull(raw: RawWebhook): VkEnvelope | null {
  let body: unknown;
  try {
    body = parseJsonBody(raw.body);
  } catch (error) {
    if (error instanceof MalformedWebhookError) return null;
    throw error;
  }
  const result = vkEnvelopeSchema.safeParse(body);
  return result.success ? result.data : null;
}

/** VK sends only the id: names and pictures come later from users.get. */
function vkUser(id: number | string): PlatformUser {
  const text = idText(id);
  // Negative ids are communities (a bot writing in a group chat): they have no id<N> page.
  const person = !text.startsWith('-') && text !== '0';
  return { id: text, name: null, username: null, avatarUrl: null, profileUrl: person ? `https://vk.com/id${text}` : null, language: null };
}

/** The largest image by area; when none has dimensions (old photos report 0×0), the last one listed. */
function largestUrl(images: readonly VkImage[]): string | null {
  let best = images.at(-1);
  let bestArea = 0;
  for (const image of images) {
    const area = (image.width ?? 0) * (image.height ?? 0);
    if (area > bestArea) {
      best = image;
      bestArea = area;
    }
  }
  return best?.url ?? null;
}

function shownOrFetched(kind: InboundAttachment['kind'], fileRef: string | null, placeholder: string | null, extra: Partial<InboundAttachment> = {}): InboundAttachment {
  return attachment(kind, { fileRef, placeholder, ...extra });
}

/** A file we can fetch by URL; without one, the conversation shows the label instead. */
function file(kind: InboundAttachment['kind'], url: string | null | undefined, label: string, extra: Partial<InboundAttachment> = {}): InboundAttachment {
  return shownOrFetched(kind, url ?? null, url ? null : label, extra);
}

/** Attachments that are no file we can fetch: a placeholder says what the person sent. */
const SHOWN_ONLY: Readonly<Record<string, string>> = { video: 'Video', wall: 'Wall post', audio: 'Audio', poll: 'Poll', market: 'Product', gift: 'Gift', story: 'Story' };

function toAttachment(a: VkAttachment): InboundAttachment {
  switch (a.type) {
    case 'photo':
      // orig_photo (newer API versions) is the upload itself: a candidate like any size.
      return file('photo', largestUrl([...(a.photo?.sizes ?? []), ...(a.photo?.orig_photo ? [a.photo.orig_photo] : [])]), 'Photo');
    case 'doc':
      // The MIME type is left to the downloaded bytes (CORE-7), not guessed from `ext`.
      return file('document', a.doc?.url, a.doc?.title ?? 'Document', { fileName: a.doc?.title ?? null, size: a.doc?.size ?? null });
    case 'audio_message': {
      const ogg = a.audio_message?.link_ogg;
      const url = ogg ?? a.audio_message?.link_mp3;
      return file('voice', url, 'Voice message', { mimeType: url ? (ogg ? 'audio/ogg' : 'audio/mpeg') : null });
    }
    case 'sticker':
      return shownOrFetched('sticker', largestUrl(a.sticker?.images ?? []), 'Sticker');
    case 'graffiti':
      return file('photo', a.graffiti?.url, 'Graffiti');
    case 'link':
      return shownOrFetched('other', null, a.link?.url ?? 'Link');
    default:
      return shownOrFetched('other', null, SHOWN_ONLY[a.type] ?? `VK attachment: ${a.type}`);
  }
}

/** Where the reply goes: the conversation (a chat is 2000000000 + its id), which in a DM is the person. */
function chatIdOf(m: VkMessage): string {
  return idText(m.peer_id ?? m.from_id);
}

/** The message's id; in group chats VK gives communities id 0 and numbers messages per conversation instead. */
function messageIdOf(m: VkMessage): string {
  const id = idText(m.id);
  if (id !== '0') return id;
  if (m.conversation_message_id === undefined) throw new MalformedWebhookError('A VK message with id 0 and no conversation_message_id');
  return `${chatIdOf(m)}:${idText(m.conversation_message_id)}`;
}

/** Why a message is not the person's (our own echo, a chat service line), or null when it is. */
function notFromThePerson(m: VkMessage): string | null {
  if (m.out === 1) return 'VK outgoing message (our own echo)';
  if (m.action && !m.text && !m.attachments?.length) return `VK chat action ${m.action.type}`;
  return null;
}

/** VK's time of the event, or (for events that carry none) the time of receipt. */
function timeOf(unixSeconds: number | undefined): Date {
  return unixSeconds === undefined ? new Date() : fromUnix(unixSeconds);
}

function parseMessageNew(envelope: VkEnvelope): ParseResult {
  const object = objectOf(envelope, z.looseObject({ message: z.unknown().optional() }));
  // Before API 5.103 the object was the message itself (vksdk's fixture); it is read the same way.
  const m = object.message === undefined ? objectOf(envelope, vkMessageSchema) : objectOf(envelope, vkMessageNewObjectSchema).message;
  const skip = notFromThePerson(m);
  if (skip) return { ignored: skip };
  const chatId = chatIdOf(m);
  const messageId = messageIdOf(m);
  // event_id is VK's dedup key; deliveries without it (old API versions) fall back to the message's own coordinates.
  const eventId =
    envelope.event_id ?? (m.conversation_message_id === undefined ? `msg:${idText(m.id)}` : `${chatId}:${idText(m.conversation_message_id)}`);
  const event: InboundEvent = {
    kind: 'message',
    eventId,
    chatId,
    occurredAt: timeOf(m.date),
    user: vkUser(m.from_id),
    messageId,
    text: m.text ?? '',
    attachments: (m.attachments ?? []).map(toAttachment),
  };
  return { events: [event] };
}

function parseMessageEdit(envelope: VkEnvelope): ParseResult {
  // Unlike message_new, message_edit's object is the message itself, in every API version.
  const m = objectOf(envelope, vkMessageSchema);
  const skip = notFromThePerson(m);
  if (skip) return { ignored: skip };
  const messageId = messageIdOf(m);
  const occurredAt = timeOf(m.update_time ?? m.date);
  // Several edits of one message differ by their time.
  const eventId = envelope.event_id ?? `message_edit:${messageId}:${occurredAt.getTime()}`;
  const event: InboundEvent = { kind: 'edit', eventId, chatId: chatIdOf(m), occurredAt, user: vkUser(m.from_id), messageId, text: m.text ?? '' };
  return { events: [event] };
}

/**
 * allow/deny/typing carry no time and no id of their own: without event_id the time of receipt keeps two real
 * changes apart (a repeated delivery may then be stored twice, which a state change survives; losing one it would not).
 */
function stateEventBase(envelope: VkEnvelope, userId: number | string): { eventId: string; chatId: string; occurredAt: Date; user: PlatformUser } {
  const occurredAt = new Date();
  const user = vkUser(userId);
  return { eventId: envelope.event_id ?? `${envelope.type}:${user.id}:${occurredAt.getTime()}`, chatId: user.id, occurredAt, user };
}

function parseMessageRead(envelope: VkEnvelope): ParseResult {
  const read = objectOf(envelope, vkMessageReadObjectSchema);
  if (read.read_message_id === undefined) return { ignored: 'VK message_read without read_message_id' };
  const peer = read.peer_id ?? read.from_id;
  if (peer === undefined) throw new MalformedWebhookError('A VK message_read names no conversation (no peer_id, no from_id)');
  const chatId = idText(peer);
  const messageId = idText(read.read_message_id);
  const event: InboundEvent = {
    kind: 'receipt',
    eventId: envelope.event_id ?? `message_read:${chatId}:${messageId}`,
    chatId,
    occurredAt: new Date(),
    state: 'read',
    messageIds: [messageId],
    upTo: null,
  };
  return { events: [event] };
}

export const vkProtocol: PlatformProtocol<VkSettings, VkSecrets> = {
  verify(raw: RawWebhook, settings: VkSettings, secrets: VkSecrets): boolean {
    const envelope = envelopeOrNull(raw);
    if (!envelope) return false;
    if (envelope.secret !== undefined) return sameSecret(envelope.secret, secrets.secret);
    // signatures.md notes confirmations may come without `secret`. vksdk answers one only when no secret key is
    // configured at all; we answer it when it names our community, since the reply reveals only the confirmation
    // string (useless without admin rights to the community) and nothing is stored.
    return (
      envelope.type === 'confirmation' &&
      settings.groupId !== null &&
      envelope.group_id !== undefined &&
      idText(envelope.group_id) === String(settings.groupId)
    );
  },

  handshake(raw: RawWebhook, _settings: VkSettings, secrets: VkSecrets): WebhookReply | null {
    // VK confirms the server by reading the bare string back: no JSON, no quotes, no `ok`.
    if (envelopeOrNull(raw)?.type !== 'confirmation') return null;
    return { status: 200, contentType: 'text/plain; charset=utf-8', body: secrets.confirmation };
  },

  parse(raw: RawWebhook): ParseResult {
    const envelope = parseWire(vkEnvelopeSchema, parseJsonBody(raw.body));
    switch (envelope.type) {
      case 'message_new':
        return parseMessageNew(envelope);
      case 'message_edit':
        return parseMessageEdit(envelope);
      case 'message_reply':
        return { ignored: 'VK message_reply (our own outgoing message)' };
      case 'message_allow':
        return { events: [{ kind: 'subscribed', ...stateEventBase(envelope, objectOf(envelope, vkMessageAllowObjectSchema).user_id) }] };
      case 'message_deny':
        return { events: [{ kind: 'unsubscribed', ...stateEventBase(envelope, objectOf(envelope, vkMessageDenyObjectSchema).user_id) }] };
      case 'message_typing_state': {
        const typing = objectOf(envelope, vkMessageTypingStateObjectSchema);
        if (typing.state !== 'typing') return { ignored: `VK typing state ${typing.state}` };
        return { events: [{ kind: 'typing', ...stateEventBase(envelope, typing.from_id) }] };
      }
      case 'message_read':
        return parseMessageRead(envelope);
      default:
        return { ignored: `VK event ${envelope.type}` };
    }
  },

  // Anything but 200 `ok` counts as a failed delivery: VK retries it and, after several, stops calling.
  accepted: OK_REPLY,
};
