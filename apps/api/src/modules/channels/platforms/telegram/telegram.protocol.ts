import { z } from 'zod';
import {
  attachment,
  fromUnix,
  idText,
  numericIdSchema,
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
} from '../platform-protocol';
import type { BaseSettings } from '../platform-client';

/** Telegram Bot API (../shared/reference/channels.md §1). */
/** Nothing but the API's address (CHN-6): the bot's @username is the channel's account name, read from getMe. */
export type TelegramSettings = BaseSettings;

export interface TelegramSecrets {
  botToken: string;
  /** Sent to setWebhook as `secret_token`; Telegram repeats it in a header on every update. */
  webhookSecret: string;
}

/** Ids are integers that may exceed 32 bits (and, for safety, 2^53: then digits). */
const id = numericIdSchema;

const userSchema = z.looseObject({
  id,
  is_bot: z.union([z.boolean(), z.number()]).optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const chatSchema = z.looseObject({ id, type: z.string() });

const fileSchema = z.looseObject({
  file_id: z.string(),
  file_size: z.number().optional(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
});

const messageSchema = z.looseObject({
  message_id: id,
  from: userSchema.optional(),
  chat: chatSchema,
  date: z.number(),
  edit_date: z.number().optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(fileSchema).optional(),
  document: fileSchema.optional(),
  audio: fileSchema.extend({ title: z.string().optional() }).optional(),
  voice: fileSchema.optional(),
  video: fileSchema.optional(),
  video_note: fileSchema.optional(),
  animation: fileSchema.optional(),
  sticker: fileSchema.extend({ emoji: z.string().optional() }).optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
  contact: z.looseObject({ phone_number: z.string(), first_name: z.string().optional(), last_name: z.string().optional() }).optional(),
});

const chatMemberSchema = z.looseObject({ status: z.string() });

const updateSchema = z.looseObject({
  update_id: id,
  message: messageSchema.optional(),
  edited_message: messageSchema.optional(),
  my_chat_member: z
    .looseObject({ chat: chatSchema, from: userSchema, date: z.number(), old_chat_member: chatMemberSchema, new_chat_member: chatMemberSchema })
    .optional(),
});

type TelegramUser = z.infer<typeof userSchema>;
type TelegramMessage = z.infer<typeof messageSchema>;

function toUser(user: TelegramUser): PlatformUser {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return {
    id: idText(user.id),
    name: name || null,
    username: user.username ?? null,
    // The picture needs getUserProfilePhotos and getFile: fetched by the identity job, not here.
    avatarUrl: null,
    profileUrl: user.username ? `https://t.me/${user.username}` : null,
    language: user.language_code ?? null,
  };
}

function file(kind: InboundAttachment['kind'], f: z.infer<typeof fileSchema>, placeholder: string | null = null): InboundAttachment {
  return attachment(kind, { fileRef: f.file_id, fileName: f.file_name ?? null, mimeType: f.mime_type ?? null, size: f.file_size ?? null, placeholder });
}

/** What came with the message; Telegram sends one kind per message (an album arrives as several updates). */
function attachmentsOf(m: TelegramMessage): InboundAttachment[] {
  // Photo sizes come smallest first: the last is the original.
  const photo = m.photo?.at(-1);
  if (photo) return [file('photo', photo)];
  if (m.document) return [file('document', m.document)];
  if (m.audio) return [{ ...file('audio', m.audio), fileName: m.audio.file_name ?? m.audio.title ?? null }];
  if (m.voice) return [file('voice', m.voice)];
  if (m.video) return [file('video', m.video)];
  if (m.video_note) return [file('video', m.video_note)];
  if (m.animation) return [file('video', m.animation)];
  if (m.sticker) return [file('sticker', m.sticker, m.sticker.emoji ? `Sticker ${m.sticker.emoji}` : 'Sticker')];
  if (m.location) {
    return [attachment('location', { placeholder: `Location: ${m.location.latitude}, ${m.location.longitude}` })];
  }
  if (m.contact) {
    const who = [m.contact.first_name, m.contact.last_name].filter(Boolean).join(' ');
    return [attachment('contact', { placeholder: `Contact: ${who ? `${who}, ` : ''}${m.contact.phone_number}` })];
  }
  return [];
}

function fromMessage(eventId: string, m: TelegramMessage, edit: boolean): InboundEvent | string {
  // A helpdesk bot answers people in private chats; groups and channels it was added to are not conversations.
  if (m.chat.type !== 'private') return `a message in a ${m.chat.type} chat`;
  if (!m.from) return 'a message without a sender';
  if (m.from.is_bot === true) return 'a message from a bot';
  const base = { eventId, chatId: idText(m.chat.id), user: toUser(m.from), messageId: idText(m.message_id), text: m.text ?? m.caption ?? '' };
  if (edit) return { ...base, kind: 'edit', occurredAt: fromUnix(m.edit_date ?? m.date) };
  return { ...base, kind: 'message', occurredAt: fromUnix(m.date), attachments: attachmentsOf(m) };
}

/** Statuses in which the bot can write to the person again (the bot is a member of the private chat). */
const REACHABLE = new Set(['member', 'administrator', 'creator']);

export const telegramProtocol: PlatformProtocol<TelegramSettings, TelegramSecrets> = {
  verify(raw: RawWebhook, _settings: TelegramSettings, secrets: TelegramSecrets): boolean {
    // No body signature exists: setWebhook's secret_token comes back in this header on every update.
    return sameSecret(raw.headers['x-telegram-bot-api-secret-token'], secrets.webhookSecret);
  },

  handshake(): null {
    return null;
  },

  parse(raw: RawWebhook): ParseResult {
    const update = parseWire(updateSchema, parseJsonBody(raw.body));
    const eventId = idText(update.update_id);
    const message = update.message ?? update.edited_message;
    if (message) {
      const event = fromMessage(eventId, message, !update.message);
      return typeof event === 'string' ? { ignored: event } : { events: [event] };
    }
    const member = update.my_chat_member;
    if (member) {
      if (member.chat.type !== 'private') return { ignored: `the bot's membership of a ${member.chat.type} chat` };
      const was = REACHABLE.has(member.old_chat_member.status);
      const is = REACHABLE.has(member.new_chat_member.status);
      if (was === is) return { ignored: `membership ${member.old_chat_member.status} -> ${member.new_chat_member.status}` };
      const kind = is ? 'subscribed' : 'unsubscribed';
      return { events: [{ kind, eventId, chatId: idText(member.chat.id), user: toUser(member.from), occurredAt: fromUnix(member.date) }] };
    }
    const kinds = Object.keys(update).filter((key) => key !== 'update_id');
    return { ignored: `update of kind ${kinds.join(', ') || 'none'}` };
  },

  // Any 2xx acknowledges an update; the body is not read (it could carry a Bot API call, which we do not use).
  accepted: OK_REPLY,
};
