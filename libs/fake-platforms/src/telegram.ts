import {
  FakePlatform,
  json,
  type PlatformFault,
  type PushOptions,
  type PushResult,
  type RecordedRequest,
  type Reply,
  type Route,
} from './fake-platform';
import { parseJson, isRecord, type UploadedFile } from './http-body';
import { imageSize } from './image-size';
import { fetchMedia, fileNameOfUrl, flagParam, listParam, randomHex, textParam } from './params';
import { DEMO_PAGE_HTML } from './telegram-demo-page';

// Wire format: Bot API (core.telegram.org/bots/api), ../shared/reference/channels.md §1 and
// ../shared/fixtures/channels/outbound.md. Error descriptions marked [U] are from experience, not a source.

export interface TelegramBot {
  id: number;
  username: string;
  first_name: string;
}

export interface FakeTelegramOptions {
  token: string;
  bot?: TelegramBot;
}

export interface TelegramPushOptions extends PushOptions {
  /** The secret header to send instead of the registered secret_token; null sends none (forgery tests). */
  secret?: string | null;
}

/** What setWebhook stored. */
export interface TelegramWebhook {
  url: string;
  secret_token: string | null;
  allowed_updates: string[] | null;
  drop_pending_updates: boolean;
  max_connections: number;
}

export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** The Telegram user a person plays on the demo page. */
export const DEMO_CUSTOMER: TelegramUser = {
  id: 1000001,
  is_bot: false,
  first_name: 'Demo',
  last_name: 'Customer',
  username: 'demo_customer',
  language_code: 'en',
};

export interface TelegramFileInfo {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_path: string;
}

/** One line of the demo chat: what the person sent, or what the bot sent to the demo customer. */
export interface DemoChatEntry {
  from: 'customer' | 'bot';
  kind: 'text' | 'photo' | 'document';
  text: string;
  at: number;
  fileUrl?: string;
  fileName?: string;
  /** For the person's messages: how the webhook answered. */
  delivery?: string;
}

interface StoredFile extends TelegramFileInfo {
  bytes: Buffer;
  fileName: string | null;
  mimeType: string | null;
}

type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;
/** The actions sendChatAction takes. */
const CHAT_ACTIONS = new Set(['typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note']);
const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const MAX_DOWNLOAD = 20 * 1024 * 1024;

function ok(result: unknown, description?: string): Reply {
  return json(description === undefined ? { ok: true, result } : { ok: true, result, description });
}

/** The envelope of every Telegram error; the HTTP status mirrors error_code. */
function failure(errorCode: number, description: string, parameters?: Record<string, unknown>): Reply {
  return json(parameters ? { ok: false, error_code: errorCode, description, parameters } : { ok: false, error_code: errorCode, description }, errorCode);
}

const badRequest = (what: string) => failure(400, `Bad Request: ${what}`);

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'audio/ogg': 'oga',
  'video/mp4': 'mp4',
};

/**
 * Telegram's Bot API: `POST|GET /bot<token>/<method>` with JSON, urlencoded or multipart bodies, files at
 * `/file/bot<token>/<file_path>`, webhooks with the `X-Telegram-Bot-Api-Secret-Token` header, and a demo
 * chat page at `/` where a person plays a Telegram user.
 */
export class FakeTelegram extends FakePlatform<TelegramPushOptions> {
  readonly token: string;
  readonly bot: TelegramBot;
  /** What setWebhook stored; null before (and after deleteWebhook). */
  webhook: TelegramWebhook | null = null;

  private files = new Map<string, StoredFile>();
  private profilePhotos = new Map<number, string[]>();
  private demoChat: DemoChatEntry[] = [];
  private lastError: { date: number; message: string } | null = null;
  private messageIds = 1;
  private updateIds = 1;
  private fileIds = 1;

  private readonly methods: Record<string, [name: string, handler: Handler]>;

  constructor(options: FakeTelegramOptions) {
    super();
    this.token = options.token;
    const numericId = Number(options.token.split(':')[0]);
    this.bot = options.bot ?? { id: Number.isSafeInteger(numericId) && numericId > 0 ? numericId : 1, username: 'fake_helpdesk_bot', first_name: 'Fake helpdesk bot' };
    const handlers: Record<string, Handler> = {
      getMe: () => ok(this.botUser()),
      setWebhook: (r) => this.setWebhook(r),
      getWebhookInfo: () => ok(this.webhookInfo()),
      deleteWebhook: () => this.deleteWebhook(),
      sendMessage: (r) => this.sendMessage(r),
      sendPhoto: (r) => this.sendFile(r, 'photo'),
      sendDocument: (r) => this.sendFile(r, 'document'),
      getFile: (r) => this.getFile(r),
      getUserProfilePhotos: (r) => this.getUserProfilePhotos(r),
      sendChatAction: (r) => this.sendChatAction(r),
    };
    // Method names are case-insensitive in the Bot API.
    this.methods = Object.fromEntries(Object.entries(handlers).map(([name, handler]) => [name.toLowerCase(), [name, handler]]));
  }

  /** Makes a file known to getFile and downloadable, as if a user had sent it. */
  addFile(fileId: string, bytes: Buffer, options: { fileName?: string; mimeType?: string } = {}): TelegramFileInfo {
    return this.info(this.store(bytes, options.fileName ?? null, options.mimeType ?? null, fileId));
  }

  /** What getUserProfilePhotos answers for a user: files added with addFile, newest first. */
  setProfilePhotos(userId: number, fileIds: string[]): void {
    this.profilePhotos.set(userId, fileIds);
  }

  /** A `message` update from a user in their private chat with the bot (no update_id yet). */
  textUpdate(text: string, from: TelegramUser = DEMO_CUSTOMER): Record<string, unknown> {
    const { id, first_name, last_name, username } = from;
    return {
      message: {
        message_id: this.messageIds++,
        from,
        chat: { id, first_name, ...(last_name ? { last_name } : {}), ...(username ? { username } : {}), type: 'private' },
        date: unixNow(),
        text,
      },
    };
  }

  /** Pushes an update, giving it the next update_id when it has none (ids only ever grow, as Telegram's do). */
  sendUpdate(update: Record<string, unknown>, options?: TelegramPushOptions): Promise<PushResult> {
    const given = update['update_id'];
    const updateId = typeof given === 'number' ? given : this.updateIds;
    this.updateIds = Math.max(this.updateIds, updateId + 1);
    return this.push({ update_id: updateId, ...update }, options);
  }

  override async push(body: Buffer | string | object, options: TelegramPushOptions = {}): Promise<PushResult> {
    try {
      const result = await super.push(body, options);
      // getWebhookInfo reports the last failed delivery, as Telegram does.
      if (result.status < 200 || result.status > 299) this.lastError = { date: unixNow(), message: `Wrong response from the webhook: ${result.status}` };
      return result;
    } catch (error) {
      this.lastError = { date: unixNow(), message: `Connection failed: ${error instanceof Error ? error.message : String(error)}` };
      throw error;
    }
  }

  override reset(): void {
    super.reset();
    this.demoChat = [];
  }

  protected route(httpMethod: string, path: string): Route | null {
    if (path === '/' && httpMethod === 'GET') {
      return { method: 'demo', recorded: false, handle: () => ({ status: 200, body: DEMO_PAGE_HTML, contentType: 'text/html; charset=utf-8' }) };
    }
    if (path === '/_demo/messages' && httpMethod === 'GET') return { method: 'demo', recorded: false, handle: () => json(this.demoState()) };
    if (path === '/_demo/send' && httpMethod === 'POST') return { method: 'demo', recorded: false, handle: (r) => this.demoSend(r) };
    const demoFile = /^\/_demo\/files\/([^/]+)$/.exec(path);
    if (demoFile && httpMethod === 'GET') {
      return { method: 'demo', recorded: false, handle: () => this.download(this.files.get(decodeURIComponent(demoFile[1] ?? ''))) };
    }

    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    if (file && httpMethod === 'GET') {
      const [, token, filePath] = file;
      return {
        method: 'file',
        handle: () => (token === this.token ? this.download([...this.files.values()].find((f) => f.file_path === filePath)) : this.unauthorized()),
      };
    }

    const call = /^\/bot([^/]+)\/([^/]+)$/.exec(path);
    if (!call || (httpMethod !== 'GET' && httpMethod !== 'POST')) return null;
    const [, token, name = ''] = call;
    const known = this.methods[name.toLowerCase()];
    return {
      method: known?.[0] ?? name,
      handle: (request) => {
        if (token !== this.token) return this.unauthorized();
        return known ? known[1](request) : failure(404, 'Not Found');
      },
    };
  }

  protected faultReply(kind: PlatformFault, _request: RecordedRequest, retryAfter: number): Reply {
    switch (kind) {
      case 'rateLimit':
        // outbound.md, courier "Throttled": the wait is in parameters.retry_after, not in a Retry-After header.
        return failure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
      case 'blocked':
        return failure(403, 'Forbidden: bot was blocked by the user');
      case 'invalidToken':
        return this.unauthorized();
    }
  }

  protected notFound(): Reply {
    return failure(404, 'Not Found');
  }

  protected webhookHeaders(_bytes: Buffer, options: TelegramPushOptions): Record<string, string> {
    const secret = options.secret === undefined ? (this.webhook?.secret_token ?? null) : options.secret;
    return { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) };
  }

  private unauthorized(): Reply {
    return failure(401, 'Unauthorized');
  }

  private botUser(): Record<string, unknown> {
    return {
      ...this.botFrom(),
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
  }

  private botFrom(): Record<string, unknown> {
    return { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username };
  }

  private setWebhook({ params }: RecordedRequest): Reply {
    const url = textParam(params['url']) ?? '';
    if (url === '') return this.deleteWebhook();
    // Real Telegram also demands HTTPS on port 443, 80, 88 or 8443; the fake takes any http(s) URL so that
    // tests can point it at 127.0.0.1.
    if (!/^https?:\/\/[^\s/]+/i.test(url)) return badRequest('bad webhook: Failed to resolve host: Name or service not known'); // [U]
    const secret = textParam(params['secret_token']) ?? null;
    if (secret !== null && !SECRET_TOKEN.test(secret)) return badRequest('secret token contains unallowed characters');
    const maxConnections = Number(textParam(params['max_connections']) ?? 40);
    const allowed = listParam(params['allowed_updates'])?.filter((u): u is string => typeof u === 'string') ?? null;
    const next: TelegramWebhook = {
      url,
      secret_token: secret,
      allowed_updates: allowed,
      drop_pending_updates: flagParam(params['drop_pending_updates']),
      max_connections: Number.isInteger(maxConnections) && maxConnections >= 1 && maxConnections <= 100 ? maxConnections : 40,
    };
    const same = this.webhook !== null && JSON.stringify(this.webhook) === JSON.stringify(next);
    this.webhook = next;
    this.webhookUrl = url;
    this.lastError = null;
    return ok(true, same ? 'Webhook is already set' : 'Webhook was set');
  }

  private deleteWebhook(): Reply {
    const had = this.webhookUrl !== null;
    this.webhook = null;
    this.webhookUrl = null;
    return ok(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
  }

  private webhookInfo(): Record<string, unknown> {
    const url = this.webhookUrl ?? '';
    const base: Record<string, unknown> = { url, has_custom_certificate: false, pending_update_count: 0 };
    if (!url) return base;
    return {
      ...base,
      ip_address: '127.0.0.1',
      ...(this.lastError ? { last_error_date: this.lastError.date, last_error_message: this.lastError.message } : {}),
      max_connections: this.webhook?.max_connections ?? 40,
      ...(this.webhook?.allowed_updates ? { allowed_updates: this.webhook.allowed_updates } : {}),
    };
  }

  private sendMessage({ params }: RecordedRequest): Reply {
    const chat = this.chatOf(params);
    if ('error' in chat) return chat.error;
    const text = textParam(params['text']) ?? '';
    if (text.trim() === '') return badRequest('message text is empty');
    if (text.length > MAX_TEXT) return badRequest('message is too long');
    const message = this.message(chat.id, { text });
    this.noteDemoReply(chat.id, { kind: 'text', text });
    return ok(message);
  }

  /** "typing…" in the user's chat for up to 5 s (core.telegram.org/bots/api#sendchataction). */
  private sendChatAction({ params }: RecordedRequest): Reply {
    const chat = this.chatOf(params);
    if ('error' in chat) return chat.error;
    const action = textParam(params['action']);
    if (!action || !CHAT_ACTIONS.has(action)) return badRequest('wrong parameter action in request');
    return ok(true);
  }

  private async sendFile(request: RecordedRequest, kind: 'photo' | 'document'): Promise<Reply> {
    const { params } = request;
    const chat = this.chatOf(params);
    if ('error' in chat) return chat.error;
    const caption = textParam(params['caption']);
    if (caption !== undefined && caption.length > MAX_CAPTION) return badRequest('message caption is too long');
    const input = await this.inputFile(request, kind);
    if ('error' in input) return input.error;
    const { file } = input;
    const content: Record<string, unknown> =
      kind === 'photo'
        ? { photo: [{ file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, ...(imageSize(file.bytes) ?? { width: 320, height: 320 }) }] }
        : {
            document: {
              file_id: file.file_id,
              file_unique_id: file.file_unique_id,
              ...(file.fileName ? { file_name: file.fileName } : {}),
              ...(file.mimeType ? { mime_type: file.mimeType } : {}),
              file_size: file.file_size,
            },
          };
    const message = this.message(chat.id, { ...content, ...(caption ? { caption } : {}) });
    this.noteDemoReply(chat.id, { kind, text: caption ?? '', fileUrl: `/_demo/files/${encodeURIComponent(file.file_id)}`, ...(file.fileName ? { fileName: file.fileName } : {}) });
    return ok(message);
  }

  /**
   * The file of a sendPhoto/sendDocument: a multipart part (also by `attach://<name>`), a URL Telegram
   * downloads itself (kept on the recorded request's files), or the file_id of a known file.
   */
  private async inputFile(request: RecordedRequest, kind: 'photo' | 'document'): Promise<{ file: StoredFile } | { error: Reply }> {
    const value = textParam(request.params[kind]);
    const attached = value?.startsWith('attach://') ? value.slice('attach://'.length) : kind;
    const part = request.files.find((f) => f.field === attached);
    if (part) return { file: this.store(part.bytes, part.fileName, part.contentType) };
    if (value === undefined || value === '') return { error: badRequest(`there is no ${kind} in the request`) };
    if (/^https?:\/\//i.test(value)) {
      const media = await fetchMedia(value);
      if (!media) return { error: badRequest('failed to get HTTP URL content') }; // [U]
      const fetched: UploadedFile = { field: kind, fileName: fileNameOfUrl(value), contentType: media.contentType, bytes: media.bytes };
      request.files.push(fetched);
      return { file: this.store(fetched.bytes, fetched.fileName, fetched.contentType) };
    }
    const known = this.files.get(value);
    return known ? { file: known } : { error: badRequest('wrong file identifier/HTTP URL specified') }; // [U]
  }

  private getFile({ params }: RecordedRequest): Reply {
    const file = this.files.get(textParam(params['file_id']) ?? '');
    if (!file) return badRequest('invalid file_id'); // [U]
    if (file.bytes.length > MAX_DOWNLOAD) return badRequest('file is too big');
    return ok(this.info(file));
  }

  private getUserProfilePhotos({ params }: RecordedRequest): Reply {
    const userId = Number(textParam(params['user_id']));
    if (!Number.isSafeInteger(userId)) return badRequest('user not found'); // [U]
    const photos = (this.profilePhotos.get(userId) ?? [])
      .map((id) => this.files.get(id))
      .filter((f): f is StoredFile => f !== undefined)
      .map((f) => [{ file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size, ...(imageSize(f.bytes) ?? { width: 160, height: 160 }) }]);
    return ok({ total_count: photos.length, photos });
  }

  private download(file: StoredFile | undefined): Reply {
    if (!file) return failure(404, 'Not Found');
    return { status: 200, body: file.bytes, contentType: file.mimeType ?? 'application/octet-stream' };
  }

  private chatOf(params: Record<string, unknown>): { id: number } | { error: Reply } {
    const raw = textParam(params['chat_id']);
    if (raw === undefined || raw === '') return { error: badRequest('chat_id is empty') };
    const id = Number(raw);
    // A @channelusername or anything that is not a chat the bot knows.
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(id)) return { error: badRequest('chat not found') };
    return { id };
  }

  private message(chatId: number, content: Record<string, unknown>): Record<string, unknown> {
    const chat: Record<string, unknown> = { id: chatId, type: 'private' };
    if (chatId === DEMO_CUSTOMER.id) Object.assign(chat, { first_name: DEMO_CUSTOMER.first_name, last_name: DEMO_CUSTOMER.last_name, username: DEMO_CUSTOMER.username });
    return { message_id: this.messageIds++, from: this.botFrom(), chat, date: unixNow(), ...content };
  }

  private store(bytes: Buffer, fileName: string | null, mimeType: string | null, fileId?: string): StoredFile {
    const n = this.fileIds++;
    const extension = (fileName && /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]) ?? (mimeType ? EXTENSIONS[mimeType.split(';')[0]?.trim() ?? ''] : undefined);
    const folder = mimeType?.startsWith('image/') ? 'photos' : 'documents';
    const file: StoredFile = {
      // Telegram's file ids start AgAC for photos and BQAC for documents.
      file_id: fileId ?? `${folder === 'photos' ? 'AgAC' : 'BQAC'}AgIAAxkBAAIB${String(n).padStart(4, '0')}${randomHex(6)}`,
      file_unique_id: `AgAD${String(n).padStart(4, '0')}`,
      file_size: bytes.length,
      file_path: `${folder}/file_${n}${extension ? `.${extension}` : ''}`,
      bytes,
      fileName,
      mimeType,
    };
    this.files.set(file.file_id, file);
    return file;
  }

  private info(file: StoredFile): TelegramFileInfo {
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, file_path: file.file_path };
  }

  private noteDemoReply(chatId: number, entry: Omit<DemoChatEntry, 'from' | 'at'>): void {
    if (chatId === DEMO_CUSTOMER.id) this.demoChat.push({ from: 'bot', at: Date.now(), ...entry });
  }

  private demoState(): Record<string, unknown> {
    return { bot: { username: this.bot.username, first_name: this.bot.first_name }, webhookUrl: this.webhookUrl, messages: this.demoChat };
  }

  private async demoSend({ body }: RecordedRequest): Promise<Reply> {
    const parsed = parseJson(body.toString('utf8'));
    const text = isRecord(parsed) ? textParam(parsed['text'])?.trim() : undefined;
    if (!text) return json({ error: 'Write a message first.' }, 400);
    if (!this.webhookUrl) return json({ error: 'No webhook is registered yet: connect a Telegram channel whose API address is this fake.' }, 409);
    // Listed before delivery: the bot may answer while the webhook is still being handled.
    const entry: DemoChatEntry = { from: 'customer', kind: 'text', text, at: Date.now(), delivery: 'sending…' };
    this.demoChat.push(entry);
    try {
      const result = await this.sendUpdate(this.textUpdate(text));
      entry.delivery = result.status >= 200 && result.status < 300 ? 'delivered' : `webhook answered ${result.status}`;
    } catch (error) {
      entry.delivery = `webhook unreachable: ${error instanceof Error ? error.message : String(error)}`;
    }
    return json({ delivery: entry.delivery });
  }
}

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
