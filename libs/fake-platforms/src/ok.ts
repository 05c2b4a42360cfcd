import { FakePlatform, json, type PlatformFault, type RecordedRequest, type Reply, type Route } from './fake-platform';
import { isRecord } from './http-body';
import { randomHex, textParam } from './params';

// Wire format: OK Bot API / Graph API v2 (apiok.ru, apiok/documentation docs/method/en/graph.user/*),
// ../shared/reference/channels.md §7 and ../shared/fixtures/channels/outbound.md. Whatever no source
// shows is marked CONSTRUCTED.

export interface FakeOkOptions {
  token: string;
  groupId: string | number;
}

export interface OkSubscription {
  url: string;
  time: number;
}

export type OkUploadType = 'FILE' | 'IMAGE' | 'VIDEO' | 'AUDIO';

/** Bytes the product posted to an upload URL from fileUploadUrl. */
export interface OkUpload {
  type: OkUploadType;
  /** What goes into `attachment.payload.token`. */
  token: string;
  fileName: string | null;
  contentType: string | null;
  bytes: Buffer;
}

interface PendingUpload {
  id: string;
  type: OkUploadType;
  token: string;
  upload: OkUpload | null;
}

const UPLOAD_TYPES = new Set<string>(['FILE', 'IMAGE', 'VIDEO', 'AUDIO']);
const MAX_ATTACHMENTS = 5;

/**
 * OK's classic error format, HTTP 200; OK also names the code in an `invocation-error` header, which some
 * clients read instead of the body.
 */
function okError(code: number, message: string): Reply {
  return { ...json({ error_code: code, error_data: null, error_msg: message }), headers: { 'invocation-error': String(code) } };
}

// outbound.md: index excerpts 19764225179, 18340393522.
const sessionExpired = () => okError(102, 'PARAM_SESSION_EXPIRED : Session expired');
// CONSTRUCTED: code 100 is PARAM in OK's error table; the text follows its "NAME : description" pattern.
const missingParam = (what: string) => okError(100, `PARAM : ${what}`);

/**
 * OK (Odnoklassniki) Bot API: Graph-style JSON methods under `/graph/…` with `access_token` in the query,
 * webhook subscriptions, the three-step file upload, and unsigned webhook deliveries.
 */
export class FakeOk extends FakePlatform {
  readonly token: string;
  readonly groupId: string;
  subscriptions: OkSubscription[] = [];

  private pending: PendingUpload[] = [];
  private uploadIds = 1;
  private messageCounter = 0;

  constructor(options: FakeOkOptions) {
    super();
    this.token = options.token;
    this.groupId = String(options.groupId);
  }

  /** Everything posted to the upload URLs, in order. */
  uploads(): OkUpload[] {
    return this.pending.flatMap((p) => (p.upload ? [p.upload] : []));
  }

  protected route(httpMethod: string, rawPath: string): Route | null {
    const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
    const upload = /^\/upload\/([\w-]+)$/.exec(path);
    if (upload && httpMethod === 'POST') return { method: 'upload', handle: (r) => this.upload(r, upload[1] ?? '') };
    if (!path.startsWith('/graph/')) return null;
    const api = (method: string, handle: (r: RecordedRequest) => Reply): Route => ({
      method,
      handle: (r) => (textParam(r.query['access_token']) === this.token ? handle(r) : sessionExpired()),
    });
    if (httpMethod === 'POST' && path === '/graph/me/subscribe') return api('subscribe', (r) => this.subscribe(r));
    if (httpMethod === 'POST' && path === '/graph/me/unsubscribe') return api('unsubscribe', (r) => this.unsubscribe(r));
    if (httpMethod === 'GET' && path === '/graph/me/subscriptions') return api('subscriptions', () => json({ subscriptions: this.subscriptions }));
    if (httpMethod === 'GET' && path === '/graph/me/info') return api('info', () => this.info());
    if (httpMethod === 'GET' && path === '/graph/me/fileUploadUrl') return api('fileUploadUrl', (r) => this.fileUploadUrl(r));
    const send = /^\/graph\/me\/messages\/([^/]+)$/.exec(path) ?? /^\/graph\/([^/]+)\/messages$/.exec(path);
    if (httpMethod === 'POST' && send) return api('messages', (r) => this.messages(r, decodeURIComponent(send[1] ?? '')));
    return null;
  }

  protected faultReply(kind: PlatformFault): Reply {
    switch (kind) {
      case 'invalidToken':
        return sessionExpired();
      case 'rateLimit':
        // CONSTRUCTED: no source shows OK's rate-limit answer; 8 is FLOOD_BLOCKED in OK's error table.
        return okError(8, 'FLOOD_BLOCKED : Too many requests');
      case 'blocked':
        // CONSTRUCTED: 455 is FRIEND_RESTRICTION in OK's error table; what OK answers when a user has not
        // allowed the group's messages is not in any source.
        return okError(455, 'FRIEND_RESTRICTION : The user does not accept messages from this group');
    }
  }

  protected notFound(): Reply {
    // CONSTRUCTED: an unknown Graph path.
    return okError(3, 'METHOD : Method not found');
  }

  protected webhookHeaders(): Record<string, string> {
    // No signature: OK's only protection is its source IPs and the URL itself (signatures.md).
    return { 'content-type': 'application/json;charset=utf-8' };
  }

  private subscribe({ params }: RecordedRequest): Reply {
    const url = textParam(params['url']);
    if (!url) return missingParam('url is required');
    this.subscriptions = [...this.subscriptions.filter((s) => s.url !== url), { url, time: Date.now() }];
    this.webhookUrl = url;
    return json({ success: true });
  }

  private unsubscribe({ params }: RecordedRequest): Reply {
    const url = textParam(params['url']);
    if (!url) return missingParam('url is required');
    this.subscriptions = this.subscriptions.filter((s) => s.url !== url);
    if (this.webhookUrl === url) this.webhookUrl = this.subscriptions.at(-1)?.url ?? null;
    return json({ success: true });
  }

  private info(): Reply {
    // apiok/documentation docs/method/en/graph.user/graph.user.info/get.md shows, for a group token,
    // {"name":…,"group_id":"group:<id>"}; not checked against the live API.
    return json({ name: 'Fake group', group_id: this.groupId.startsWith('group:') ? this.groupId : `group:${this.groupId}` });
  }

  /** chat:<id> sends answer `{"success":true,"message_id":"mid:…"}` (channels.md: believed, not confirmed). */
  private messages({ params }: RecordedRequest, pathChatId: string): Reply {
    const recipient = params['recipient'];
    if (!isRecord(recipient)) return missingParam('recipient is required');
    if (params['sender_action'] !== undefined) return json({ success: true });
    const message = params['message'];
    if (!isRecord(message)) return missingParam('message is required');
    const attachments = Array.isArray(message['attachments']) ? message['attachments'] : message['attachment'] === undefined ? [] : [message['attachment']];
    const text = textParam(message['text']) ?? '';
    if (text === '' && attachments.length === 0) return missingParam('message text or attachment is required');
    if (attachments.length > MAX_ATTACHMENTS) return missingParam(`at most ${MAX_ATTACHMENTS} attachments are allowed`);
    if (Array.isArray(recipient['user_ids'])) {
      // apiok/documentation graph.user.messages/post.md (ru): one result per user.
      const ids = recipient['user_ids'] as unknown[];
      return json({ success: ids.map(() => true), chat_ids: ids.map((id) => `chat:C${String(id).replace(/^user:/, '')}`) });
    }
    const chatId = textParam(recipient['chat_id']) ?? pathChatId;
    this.messageCounter += 1;
    const mid = `mid:${chatId.replace(/^chat:/, '')}.${(Date.now() * 1000 + this.messageCounter).toString(16)}`;
    return json({ success: true, message_id: mid });
  }

  private fileUploadUrl({ query }: RecordedRequest): Reply {
    const type = query['type'] ?? '';
    if (!UPLOAD_TYPES.has(type)) return missingParam('type must be one of FILE, IMAGE, VIDEO, AUDIO');
    const pending: PendingUpload = { id: `${this.uploadIds++}-${randomHex(8)}`, type: type as OkUploadType, token: randomHex(24), upload: null };
    this.pending.push(pending);
    const url = `${this.baseUrl}/upload/${pending.id}`;
    // channels.md §7: an IMAGE's token comes back from the upload itself.
    return json(type === 'IMAGE' ? { url } : { url, token: pending.token });
  }

  private upload(request: RecordedRequest, id: string): Reply {
    const pending = this.pending.find((p) => p.id === id);
    if (!pending) return { status: 404, body: 'Not Found', contentType: 'text/plain' };
    // A multipart file part, or the raw body (AUDIO and VIDEO may be posted as they are).
    const part = request.files[0];
    pending.upload = {
      type: pending.type,
      token: pending.token,
      fileName: part?.fileName ?? null,
      contentType: part?.contentType ?? request.headers['content-type'] ?? null,
      bytes: part?.bytes ?? request.body,
    };
    // IMAGE: OK's photo upload servers answer {"photos":{<id>:{"token":…}}} (seen in OK API clients).
    // Other types: CONSTRUCTED empty object (their token came with the upload URL).
    return pending.type === 'IMAGE' ? json({ photos: { [pending.id]: { token: pending.token } } }) : json({});
  }
}
