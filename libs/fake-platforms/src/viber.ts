import { createHmac } from 'node:crypto';
import { FakePlatform, type PlatformFault, type PushOptions, type RecordedRequest, type Reply, type Route } from './fake-platform';
import { isRecord, parseJson } from './http-body';
import { fetchMedia, fileNameOfUrl, textParam } from './params';

// Wire format: Viber REST Bot API (developers.viber.com), ../shared/reference/channels.md §3,
// ../shared/fixtures/channels/outbound.md and signatures.md.

export interface ViberAccount {
  id: string;
  name: string;
  uri: string;
}

export interface FakeViberOptions {
  token: string;
  account?: ViberAccount;
}

export interface ViberPushOptions extends PushOptions {
  /** The signature header to send instead of the real one; null sends none (forgery tests). */
  signature?: string | null;
}

export interface ViberUser {
  id: string;
  name: string;
  avatar?: string;
  country?: string;
  language?: string;
  api_version?: number;
}

const CHAT_HOSTNAME = 'SN-CHAT-02_';
const DEFAULT_EVENT_TYPES = ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'];
const MESSAGE_TYPES = new Set(['text', 'picture', 'video', 'file', 'location', 'contact', 'sticker', 'url', 'rich_media']);
// The types whose `media` Viber downloads from the URL given (there is no upload endpoint).
const FETCHED_TYPES = new Set(['picture', 'video', 'file']);
const MAX_SENDER_NAME = 28;
// courier's handler_test.go success body: a token beyond 2^53, so a client that parses it as a double
// loses the last digits. Later tokens count up from it.
const FIRST_MESSAGE_TOKEN = 4987381194038857789n;

/** The API's answers are HTTP 200 with a status code in the body, errors too. */
function status(code: number, message: string, rest = ''): Reply {
  return { status: 200, body: `{"status":${code},"status_message":${JSON.stringify(message)}${rest}}`, contentType: 'application/json' };
}

const okStatus = (rest = '') => status(0, 'ok', rest);
// Codes from channels.md §3 (Viber's error table); bodies as outbound.md gives them.
const invalidUrl = () => status(1, 'invalidUrl');
const invalidAuthToken = () => status(2, 'invalidAuthToken');
const badData = () => status(3, 'badData');
const receiverNotSubscribed = () => status(6, 'receiverNotSubscribed');
const webhookNotSet = () => status(10, 'webhookNotSet');
const tooManyRequests = () => status(12, 'tooManyRequests');

/** Lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the bot's auth token. */
export function viberSignature(bytes: Buffer | string, token: string): string {
  return createHmac('sha256', token).update(bytes).digest('hex');
}

/**
 * Viber: `POST /pa/<method>` with JSON and the `X-Viber-Auth-Token` header; set_webhook calls the URL
 * back with a signed `webhook` event first; send_message downloads the media it is given; callbacks are
 * signed with `X-Viber-Content-Signature`. 64-bit message tokens are written as exact JSON number literals.
 */
export class FakeViber extends FakePlatform<ViberPushOptions> {
  readonly token: string;
  readonly account: ViberAccount;
  /** What set_webhook subscribed to (the default set when it named none). */
  eventTypes: string[] = DEFAULT_EVENT_TYPES;

  private users = new Map<string, ViberUser>();
  private nextToken = FIRST_MESSAGE_TOKEN;

  constructor(options: FakeViberOptions) {
    super();
    this.token = options.token;
    this.account = options.account ?? { id: 'pa:5746594275468546724', name: 'Fake helpdesk', uri: 'fakehelpdesk' };
  }

  /** Profiles get_user_details answers with (others get a placeholder profile). */
  addUser(user: ViberUser): void {
    this.users.set(user.id, user);
  }

  protected route(httpMethod: string, path: string): Route | null {
    const call = /^\/pa\/(\w+)$/.exec(path);
    if (!call || httpMethod !== 'POST') return null;
    const method = call[1] ?? '';
    return { method, handle: (request) => this.call(request, method) };
  }

  protected faultReply(kind: PlatformFault): Reply {
    switch (kind) {
      case 'invalidToken':
        return invalidAuthToken();
      case 'rateLimit':
        return tooManyRequests();
      case 'blocked':
        return receiverNotSubscribed();
    }
  }

  protected notFound(): Reply {
    return { status: 404, body: 'Not Found', contentType: 'text/plain' };
  }

  protected webhookHeaders(bytes: Buffer, options: ViberPushOptions): Record<string, string> {
    const signature = options.signature === undefined ? viberSignature(bytes, this.token) : options.signature;
    return { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-viber-content-signature': signature }) };
  }

  private async call(request: RecordedRequest, method: string): Promise<Reply> {
    // Viber reads the body as JSON whatever its content type says.
    const body = request.body.length > 0 ? parseJson(request.body.toString('utf8')) : {};
    if (isRecord(body)) request.params = { ...request.query, ...body };
    // Older SDKs (courier) put the token in the body instead of the header.
    const token = request.headers['x-viber-auth-token'] ?? textParam(request.params['auth_token']);
    if (token !== this.token) return invalidAuthToken();
    if (!isRecord(body)) return badData();
    switch (method) {
      case 'set_webhook':
        return this.setWebhook(request);
      case 'send_message':
        return this.sendMessage(request);
      case 'get_account_info':
        return this.accountInfo();
      case 'get_user_details':
        return this.userDetails(request);
      default:
        return this.notFound();
    }
  }

  private issueToken(): bigint {
    const token = this.nextToken;
    this.nextToken += 1n;
    return token;
  }

  /** Like Viber: a signed `webhook` event goes to the URL first, and only a 200 answer sets it. */
  private async setWebhook({ params }: RecordedRequest): Promise<Reply> {
    const url = textParam(params['url']);
    if (url === undefined) return invalidUrl();
    if (url === '') {
      this.webhookUrl = null;
      return okStatus();
    }
    // Real Viber also demands HTTPS with a CA-signed certificate; the fake takes http for 127.0.0.1 tests.
    if (!/^https?:\/\/[^\s/]+/i.test(url)) return invalidUrl();
    const check = Buffer.from(`{"event":"webhook","timestamp":${Date.now()},"chat_hostname":"${CHAT_HOSTNAME}","message_token":${this.issueToken()}}`);
    let answered: number;
    try {
      answered = (await this.post(url, check, this.webhookHeaders(check, {}))).status;
    } catch {
      return invalidUrl();
    }
    if (answered !== 200) return invalidUrl();
    const requested = Array.isArray(params['event_types']) ? params['event_types'].filter((t): t is string => typeof t === 'string') : null;
    this.webhookUrl = url;
    this.eventTypes = requested ?? DEFAULT_EVENT_TYPES;
    return okStatus(`,"chat_hostname":"${CHAT_HOSTNAME}","event_types":${JSON.stringify(this.eventTypes)}`);
  }

  private async sendMessage(request: RecordedRequest): Promise<Reply> {
    const { params } = request;
    // Viber refuses to send for a bot that has no webhook.
    if (!this.webhookUrl) return webhookNotSet();
    const receiver = textParam(params['receiver']);
    const sender = params['sender'];
    const name = isRecord(sender) ? textParam(sender['name']) : undefined;
    const type = textParam(params['type']);
    if (!receiver || !name || name.length > MAX_SENDER_NAME || !type || !MESSAGE_TYPES.has(type)) return badData();
    const media = textParam(params['media']);
    if (type === 'text' && !textParam(params['text'])) return badData();
    if ((FETCHED_TYPES.has(type) || type === 'url') && !media) return badData();
    if (type === 'file' && (!textParam(params['file_name']) || params['size'] === undefined)) return badData();
    if (type === 'sticker' && params['sticker_id'] === undefined) return badData();
    if (FETCHED_TYPES.has(type) && media) {
      // Real Viber fetches asynchronously and reports an unreachable URL later; the fake answers at once.
      const fetched = await fetchMedia(media);
      if (!fetched) return badData();
      request.files.push({ field: 'media', fileName: textParam(params['file_name']) ?? fileNameOfUrl(media), contentType: fetched.contentType, bytes: fetched.bytes });
    }
    const token = this.issueToken();
    params['_token'] = token.toString();
    return okStatus(`,"message_token":${token},"chat_hostname":"${CHAT_HOSTNAME}"`);
  }

  private accountInfo(): Reply {
    // Field set as Viber's get_account_info reference lists it (from memory of the docs, not a capture).
    const rest = {
      id: this.account.id,
      chat_hostname: CHAT_HOSTNAME,
      name: this.account.name,
      uri: this.account.uri,
      icon: '',
      background: '',
      category: 'Organizations',
      subcategory: 'Customer Service',
      location: { lon: 0, lat: 0 },
      country: 'RU',
      webhook: this.webhookUrl ?? '',
      event_types: this.eventTypes,
      subscribers_count: 0,
      members: [{ id: '01234567890A=', name: 'Admin', avatar: '', role: 'admin' }],
    };
    return okStatus(`,${JSON.stringify(rest).slice(1, -1)}`);
  }

  private userDetails({ params }: RecordedRequest): Reply {
    const id = textParam(params['id']);
    if (!id) return badData();
    const user = this.users.get(id) ?? { id, name: 'Viber user' };
    const details = {
      id: user.id,
      name: user.name,
      ...(user.avatar ? { avatar: user.avatar } : {}),
      country: user.country ?? 'RU',
      language: user.language ?? 'en',
      primary_device_os: 'Android 13',
      api_version: user.api_version ?? 10,
      viber_version: '21.5.0.0',
      device_type: 'Pixel 7',
    };
    return okStatus(`,"message_token":${this.issueToken()},"user":${JSON.stringify(details)}`);
  }
}
