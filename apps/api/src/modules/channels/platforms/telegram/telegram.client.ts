import {
  baseUrlOf,
  callPlatform,
  downloadFile,
  multipart,
  notUnderstood,
  objectOf,
  PlatformError,
  splitText,
  type OutboundFile,
  type PlatformClient,
  type PlatformResponse,
} from '../platform-client';
import type { TelegramSecrets, TelegramSettings } from './telegram.protocol';

/** The Bot API's address (../shared/reference/channels.md §1); TELEGRAM_API_BASE or the channel's setting replaces it. */
export const TELEGRAM_API = 'https://api.telegram.org';

/** sendMessage's limit on text (characters). */
const TEXT_LIMIT = 4096;
/** sendPhoto takes images up to 10 MB; larger ones, and every other file, go as documents. */
const PHOTO_LIMIT = 10 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/**
 * 403s and 400s that no retry fixes, with what the conversation shows. Telegram's words stay after it, so
 * an administrator sees exactly what the platform said.
 */
function permanentReason(description: string): string {
  if (/blocked by the user/i.test(description)) return `The client blocked the bot (${description})`;
  if (/user is deactivated/i.test(description)) return `The client's Telegram account is deleted (${description})`;
  if (/chat not found/i.test(description)) return `Telegram does not know this chat (${description})`;
  if (/unauthorized/i.test(description)) return `Telegram refused the bot token (${description})`;
  return `Telegram refused the message: ${description}`;
}

export class TelegramClient implements PlatformClient<TelegramSettings, TelegramSecrets> {
  readonly capabilities = { files: true, typing: true, readReceipts: false, edits: true, buttons: true, registerWebhook: true };

  constructor(private readonly defaultBase: string = TELEGRAM_API) {}

  /** One Bot API method; `ok: false` becomes a PlatformError (429 retryable at `retry_after`). */
  private async call(settings: TelegramSettings, secrets: TelegramSecrets, method: string, body: Record<string, unknown> | FormData): Promise<unknown> {
    // The token is in the path, as Telegram requires; it never reaches an error message or a log line.
    const url = `${baseUrlOf(settings, this.defaultBase)}/bot${secrets.botToken}/${method}`;
    const init: RequestInit =
      body instanceof FormData ? { method: 'POST', body } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const response = await callPlatform(`Telegram ${method}`, url, init);
    return this.result(method, response);
  }

  private result(method: string, response: PlatformResponse): unknown {
    const envelope = objectOf(response.json);
    if (!envelope || typeof envelope.ok !== 'boolean') throw notUnderstood(`Telegram ${method}`, response);
    if (envelope.ok) return envelope.result;
    const description = typeof envelope.description === 'string' ? envelope.description : `error ${String(envelope.error_code)}`;
    const code = Number(envelope.error_code ?? response.status);
    if (code === 429) {
      const retryAfter = Number(objectOf(envelope.parameters)?.retry_after);
      throw new PlatformError(`Telegram is limiting the bot: ${description}`, true, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null);
    }
    if (code >= 500) throw new PlatformError(`Telegram ${method}: ${description}`, true);
    throw new PlatformError(permanentReason(description), false);
  }

  async describe(settings: TelegramSettings, secrets: TelegramSecrets) {
    const me = objectOf(await this.call(settings, secrets, 'getMe', {}));
    return { accountName: typeof me?.username === 'string' ? `@${me.username}` : null };
  }

  async registerWebhook(url: string, settings: TelegramSettings, secrets: TelegramSecrets): Promise<void> {
    await this.call(settings, secrets, 'setWebhook', {
      url,
      secret_token: secrets.webhookSecret,
      allowed_updates: ['message', 'edited_message', 'my_chat_member'],
    });
  }

  async unregisterWebhook(settings: TelegramSettings, secrets: TelegramSecrets): Promise<void> {
    await this.call(settings, secrets, 'deleteWebhook', {});
  }

  /** getUserProfilePhotos: the newest profile photo, in the smallest size of at least 160 px (else the largest). */
  async avatarOf(userId: string, settings: TelegramSettings, secrets: TelegramSecrets): Promise<string | null> {
    const result = objectOf(await this.call(settings, secrets, 'getUserProfilePhotos', { user_id: userId, limit: 1 }));
    const sizes = Array.isArray(result?.photos) && Array.isArray(result.photos[0]) ? (result.photos[0] as unknown[]).map(objectOf) : [];
    const usable = sizes.filter((size): size is Record<string, unknown> => typeof size?.file_id === 'string');
    const chosen = usable.find((size) => Number(size.width) >= 160) ?? usable.at(-1);
    return chosen ? String(chosen.file_id) : null;
  }

  /** sendChatAction: "typing…" for up to 5 s, or until the bot's next message. */
  async typing(chatId: string, settings: TelegramSettings, secrets: TelegramSecrets): Promise<void> {
    await this.call(settings, secrets, 'sendChatAction', { chat_id: chatId, action: 'typing' });
  }

  async send(reply: { chatId: string; text: string; files: OutboundFile[] }, settings: TelegramSettings, secrets: TelegramSecrets) {
    let first: string | null = null;
    const sent = (result: unknown) => {
      const id = objectOf(result)?.message_id;
      if (first === null && (typeof id === 'number' || typeof id === 'string')) first = String(id);
    };
    for (const text of splitText(reply.text, TEXT_LIMIT)) sent(await this.call(settings, secrets, 'sendMessage', { chat_id: reply.chatId, text }));
    for (const file of reply.files) {
      const asPhoto = PHOTO_TYPES.includes(file.mime) && file.size <= PHOTO_LIMIT;
      const form = await multipart({ chat_id: reply.chatId }, asPhoto ? 'photo' : 'document', file);
      sent(await this.call(settings, secrets, asPhoto ? 'sendPhoto' : 'sendDocument', form));
    }
    return { externalId: first };
  }

  /** getFile names the file's path; its bytes are below /file/bot<token>/ (the token again in the path, as Telegram requires). */
  async download(fileRef: string, settings: TelegramSettings, secrets: TelegramSecrets, limit: number) {
    const file = objectOf(await this.call(settings, secrets, 'getFile', { file_id: fileRef }));
    if (typeof file?.file_path !== 'string') throw new PlatformError('Telegram getFile named no file', false);
    const downloaded = await downloadFile('Telegram file', `${baseUrlOf(settings, this.defaultBase)}/file/bot${secrets.botToken}/${file.file_path}`, limit);
    return { bytes: downloaded.bytes, fileName: file.file_path.split('/').pop() ?? null };
  }
}
