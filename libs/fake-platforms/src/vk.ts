import { FakePlatform, type PlatformFault, type PushOptions, type RecordedRequest, type Reply, type Route } from './fake-platform';
import { isRecord } from './http-body';
import { imageSize } from './image-size';
import { randomHex, textParam } from './params';

// Wire format: VK API (dev.vk.com), ../shared/reference/channels.md §2 and
// ../shared/fixtures/channels/outbound.md. Error texts marked [U] are from experience, not a source.

export interface FakeVkOptions {
  /** The community token the product calls the API with. */
  token: string;
  groupId: number;
  /** What the callback server must answer to a `confirmation` event. */
  confirmation: string;
  /** The secret key VK puts in every Callback API event. */
  secret: string;
}

export interface VkPushOptions extends PushOptions {
  /** Sent as `X-Retry-Counter`, as VK does on a redelivery. */
  retryCounter?: number;
}

export interface VkUser {
  id: number;
  first_name: string;
  last_name: string;
  screen_name?: string;
  photo_50?: string;
  photo_100?: string;
  photo_200?: string;
}

/** Bytes the product uploaded to an upload URL, and what they became once saved. */
export interface VkUpload {
  kind: 'photo' | 'doc';
  fileName: string | null;
  contentType: string | null;
  bytes: Buffer;
  /** `photo<owner>_<id>_<access_key>` / `doc<owner>_<id>` once saved; null before. */
  attachment: string | null;
}

/** A message messages.send created (a resend with the same random_id creates none). */
export interface VkSentMessage {
  id: number;
  peerId: number;
  randomId: string;
  message: string;
  attachment: string;
}

interface StoredUpload extends VkUpload {
  key: string;
  hash: string;
  savedId: number | null;
  accessKey: string;
}

type Handler = (request: RecordedRequest) => Reply;

const CONTENT_TYPE = 'application/json; charset=utf-8';
const MAX_MESSAGE = 4096;
// VK's own placeholder avatar path, served by the fake so that media pipelines can fetch it.
const DEFAULT_AVATAR_PATH = '/images/camera_100.png';
const PLACEHOLDER_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const body = (value: unknown): Reply => ({ status: 200, body: JSON.stringify(value), contentType: CONTENT_TYPE });
const response = (value: unknown): Reply => body({ response: value });

/** VK's document type codes (docs.save `type`), by extension. */
function docType(extension: string): number {
  if (['txt', 'doc', 'docx', 'pdf', 'odt', 'rtf', 'xls', 'xlsx'].includes(extension)) return 1;
  if (['zip', 'rar', '7z', 'gz', 'tar'].includes(extension)) return 2;
  if (extension === 'gif') return 3;
  if (['jpg', 'jpeg', 'png', 'bmp', 'webp'].includes(extension)) return 4;
  if (['mp3', 'ogg', 'wav', 'm4a'].includes(extension)) return 5;
  if (['mp4', 'avi', 'mov', 'mkv'].includes(extension)) return 6;
  if (['epub', 'fb2', 'djvu'].includes(extension)) return 7;
  return 8;
}

/**
 * VK: API methods at `/method/<name>` (query, urlencoded or multipart parameters; `access_token` and `v`
 * required; every error is HTTP 200 with an `error` object), the two-step photo and document uploads,
 * and Callback API deliveries carrying the secret in the body.
 */
export class FakeVk extends FakePlatform<VkPushOptions> {
  readonly token: string;
  readonly groupId: number;
  readonly confirmation: string;
  readonly secret: string;

  private users = new Map<number, VkUser>();
  private stored: StoredUpload[] = [];
  private messages: VkSentMessage[] = [];
  private byRandomId = new Map<string, number>();
  private messageIds = 1;
  private photoIds = 457239001;
  private docIds = 667000001;
  private serverIds = 1;
  private readonly methods: Record<string, Handler>;

  constructor(options: FakeVkOptions) {
    super();
    this.token = options.token;
    this.groupId = options.groupId;
    this.confirmation = options.confirmation;
    this.secret = options.secret;
    this.methods = {
      'messages.send': (r) => this.messagesSend(r),
      'users.get': (r) => this.usersGet(r),
      // "typing…" in the conversation for about 10 s (dev.vk.com/method/messages.setActivity).
      'messages.setActivity': (r) => (Number(textParam(r.params['peer_id'])) ? response(1) : this.invalid(r, 'peer_id is undefined')),
      'groups.getById': () =>
        response({ groups: [{ id: this.groupId, name: 'Fake community', screen_name: `club${this.groupId}`, is_closed: 0, type: 'group' }], profiles: [] }),
      'groups.getCallbackConfirmationCode': () => response({ code: this.confirmation }),
      'groups.addCallbackServer': (r) => this.addCallbackServer(r),
      'groups.setCallbackSettings': () => response(1),
      'photos.getMessagesUploadServer': (r) =>
        response({ album_id: -3, upload_url: this.uploadUrl('photo', r), user_id: 0, group_id: this.groupId }),
      'photos.saveMessagesPhoto': (r) => this.saveMessagesPhoto(r),
      'docs.getMessagesUploadServer': (r) => response({ upload_url: this.uploadUrl('doc', r) }),
      'docs.save': (r) => this.docsSave(r),
    };
  }

  /** Names and avatars users.get answers with (others get a placeholder profile). */
  addUser(user: VkUser): void {
    this.users.set(user.id, user);
  }

  /** Everything uploaded to the upload URLs, in order. */
  uploads(): VkUpload[] {
    return this.stored.map(({ kind, fileName, contentType, bytes, attachment }) => ({ kind, fileName, contentType, bytes, attachment }));
  }

  /** The messages messages.send created (resends with a used random_id are not repeated here). */
  sentMessages(): VkSentMessage[] {
    return [...this.messages];
  }

  /** Sends VK's `confirmation` event; true when the answer is exactly the confirmation string. */
  async confirm(url?: string): Promise<boolean> {
    const result = await this.push(Buffer.from(JSON.stringify({ type: 'confirmation', group_id: this.groupId })), url === undefined ? {} : { url });
    return result.status === 200 && result.body === this.confirmation;
  }

  /** An event object without `secret` gets this community's envelope: event_id, v, group_id and secret. */
  protected override completeEvent(event: object): object {
    if ('secret' in event) return event;
    const envelope = event as Record<string, unknown>;
    const isConfirmation = envelope['type'] === 'confirmation';
    return {
      ...envelope,
      ...(!isConfirmation && envelope['event_id'] === undefined ? { event_id: randomHex(20) } : {}),
      ...(!isConfirmation && envelope['v'] === undefined ? { v: '5.199' } : {}),
      group_id: envelope['group_id'] ?? this.groupId,
      secret: this.secret,
    };
  }

  protected route(httpMethod: string, path: string): Route | null {
    const call = /^\/method\/([\w.]+?)(?:\.json)?$/.exec(path);
    if (call && (httpMethod === 'GET' || httpMethod === 'POST')) {
      const name = call[1] ?? '';
      return { method: name, handle: (request) => this.call(request, name) };
    }
    const upload = /^\/upload\/(photo|doc)$/.exec(path);
    if (upload && httpMethod === 'POST') return { method: 'upload', handle: (request) => this.upload(request, upload[1] === 'photo' ? 'photo' : 'doc') };
    if (httpMethod !== 'GET') return null;
    if (path === DEFAULT_AVATAR_PATH) return { method: 'download', handle: () => ({ status: 200, body: PLACEHOLDER_PNG, contentType: 'image/png' }) };
    const saved = /^\/(?:photo|doc)(-?\d+)_(\d+)(?:\.\w+)?$/.exec(path);
    if (saved) return { method: 'download', handle: () => this.download(Number(saved[2])) };
    return null;
  }

  protected faultReply(kind: PlatformFault, request: RecordedRequest): Reply {
    switch (kind) {
      case 'invalidToken':
        // outbound.md: vkbottle tests/test_api.py test_auth_error_handling.
        return this.error(request, 5, 'User authorization failed: invalid access_token (4).');
      case 'rateLimit':
        // outbound.md: CONSTRUCTED from vk-io's TOO_MANY = 6.
        return this.error(request, 6, 'Too many requests per second');
      case 'blocked':
        // outbound.md: CONSTRUCTED from vk-io's MESSAGES_DENY_SEND = 901.
        return this.error(request, 901, "Can't send messages for users without permission");
    }
  }

  protected notFound(): Reply {
    return { status: 404, body: '404 Not Found', contentType: 'text/html; charset=utf-8' };
  }

  protected webhookHeaders(_bytes: Buffer, options: VkPushOptions): Record<string, string> {
    return { 'content-type': 'application/json', ...(options.retryCounter === undefined ? {} : { 'x-retry-counter': String(options.retryCounter) }) };
  }

  private call(request: RecordedRequest, name: string): Reply {
    const token = textParam(request.params['access_token']);
    if (token === undefined || token === '') return this.error(request, 5, 'User authorization failed: no access_token passed.'); // [U]
    if (token !== this.token) return this.error(request, 5, 'User authorization failed: invalid access_token (4).');
    // Index excerpt 36092358417 (a VK client's test): "8. Invalid request: v is required".
    if (!textParam(request.params['v'])) return this.error(request, 8, 'Invalid request: v is required');
    const handler = this.methods[name];
    return handler ? handler(request) : this.error(request, 3, 'Unknown method passed'); // [U]
  }

  /**
   * `{"error":{error_code, error_msg, request_params}}` with HTTP 200. request_params lists `method`,
   * `oauth`, `v` first, then what the client passed (never the token), as outbound.md's bodies do.
   */
  private error(request: RecordedRequest, code: number, message: string): Reply {
    const requestParams = [
      { key: 'method', value: request.method },
      { key: 'oauth', value: '1' },
      ...(textParam(request.params['v']) ? [{ key: 'v', value: textParam(request.params['v']) }] : []),
      ...Object.entries(request.params)
        .filter(([key]) => key !== 'access_token' && key !== 'v')
        .map(([key, value]) => ({ key, value: textParam(value) ?? JSON.stringify(value) })),
    ];
    return body({ error: { error_code: code, error_msg: message, request_params: requestParams } });
  }

  private invalid(request: RecordedRequest, what: string): Reply {
    return this.error(request, 100, `One of the parameters specified was missing or invalid: ${what}`);
  }

  private messagesSend(request: RecordedRequest): Reply {
    const { params } = request;
    const peerIds = textParam(params['peer_ids'])
      ?.split(',')
      .map((id) => Number(id.trim()))
      .filter(Number.isSafeInteger);
    const single = Number(textParam(params['peer_id']) ?? textParam(params['user_id']));
    const peers = peerIds?.length ? peerIds : Number.isSafeInteger(single) && single !== 0 ? [single] : [];
    if (peers.length === 0) return this.invalid(request, 'you should specify peer_id, user_id, domain, chat_id or user_ids param'); // [U]
    const randomId = textParam(params['random_id']);
    // Index excerpt 22877145645: a real answer pasted into a VK client's source.
    if (randomId === undefined || randomId === '') return this.invalid(request, 'random_id is a required parameter');
    const message = textParam(params['message']) ?? '';
    const attachment = textParam(params['attachment']) ?? '';
    if (message.trim() === '' && attachment.trim() === '') return this.invalid(request, 'message is empty or invalid'); // [U]
    if (message.length > MAX_MESSAGE) return this.error(request, 914, 'Message is too long');

    const sent = peers.map((peerId) => {
      // VK drops a resend with a random_id it has seen (from this community to this peer) and answers with
      // the first message's id.
      const key = `${peerId}:${randomId}`;
      const earlier = this.byRandomId.get(key);
      if (earlier !== undefined) {
        params['_duplicate'] = true;
        return { peerId, id: earlier };
      }
      const id = this.messageIds++;
      this.byRandomId.set(key, id);
      this.messages.push({ id, peerId, randomId, message, attachment });
      return { peerId, id };
    });
    params['_messageId'] = sent[0]?.id;
    if (peerIds?.length) return response(sent.map(({ peerId, id }) => ({ peer_id: peerId, message_id: id, conversation_message_id: id })));
    return response(sent[0]?.id);
  }

  private usersGet({ params }: RecordedRequest): Reply {
    const ids = (textParam(params['user_ids']) ?? textParam(params['user_id']) ?? '')
      .split(',')
      .map((id) => Number(id.trim()))
      .filter((id) => Number.isSafeInteger(id) && id > 0);
    // Only the fields asked for come back, as VK does.
    const fields = new Set((textParam(params['fields']) ?? '').split(',').map((f) => f.trim()));
    const avatar = `${this.baseUrl}${DEFAULT_AVATAR_PATH}`;
    return response(
      ids.map((id) => {
        const user = this.users.get(id) ?? { id, first_name: 'Test', last_name: `User${id}` };
        const optional: Record<string, string> = {
          screen_name: user.screen_name ?? `id${id}`,
          photo_50: user.photo_50 ?? user.photo_100 ?? avatar,
          photo_100: user.photo_100 ?? avatar,
          photo_200: user.photo_200 ?? user.photo_100 ?? avatar,
        };
        return {
          id,
          first_name: user.first_name,
          last_name: user.last_name,
          can_access_closed: true,
          is_closed: false,
          ...Object.fromEntries(Object.entries(optional).filter(([field]) => fields.has(field))),
        };
      }),
    );
  }

  private addCallbackServer(request: RecordedRequest): Reply {
    const url = textParam(request.params['url']);
    if (!url) return this.invalid(request, 'url is undefined'); // [U]
    this.webhookUrl = url;
    return response({ server_id: this.serverIds++ });
  }

  private uploadUrl(kind: 'photo' | 'doc', { params }: RecordedRequest): string {
    const peer = textParam(params['peer_id']) ?? '0';
    return `${this.baseUrl}/upload/${kind}?act=do_add&mid=0&aid=-3&gid=${this.groupId}&peer=${encodeURIComponent(peer)}&hash=${randomHex(16)}`;
  }

  /** The upload server's own answers: `{server, photo, hash}` for photos, `{file}` for documents. */
  private upload(request: RecordedRequest, kind: 'photo' | 'doc'): Reply {
    const part = request.files.find((f) => f.field === (kind === 'photo' ? 'photo' : 'file'));
    if (kind === 'doc' && !part) return body({ error: 'no_file', error_descr: 'No file was uploaded' }); // [U]
    const hash = randomHex(16);
    if (!part) return body({ server: 1, photo: '[]', hash }); // a photo upload without a photo field: an empty list
    const key = randomHex(12);
    this.stored.push({ kind, key, hash, fileName: part.fileName, contentType: part.contentType, bytes: part.bytes, attachment: null, savedId: null, accessKey: randomHex(9) });
    if (kind === 'doc') return body({ file: `${this.groupId}|0|0|${key}|${hash}` });
    // `photo` is a JSON text the client passes back untouched to photos.saveMessagesPhoto.
    return body({ server: 1, photo: JSON.stringify([{ photo: key, sizes: [], kid: hash }]), hash });
  }

  private saveMessagesPhoto(request: RecordedRequest): Reply {
    const photo = textParam(request.params['photo']) ?? '';
    const hash = textParam(request.params['hash']) ?? '';
    let key: unknown;
    try {
      const list = JSON.parse(photo) as unknown;
      key = Array.isArray(list) && isRecord(list[0]) ? list[0]['photo'] : undefined;
    } catch {
      key = undefined;
    }
    const upload = this.stored.find((u) => u.kind === 'photo' && u.key === key);
    if (!upload) return this.invalid(request, 'photos_list is invalid'); // [U]
    if (upload.hash !== hash) return this.error(request, 121, 'Invalid hash'); // [U]
    const id = upload.savedId ?? this.photoIds++;
    upload.savedId = id;
    const ownerId = -this.groupId;
    upload.attachment = `photo${ownerId}_${id}_${upload.accessKey}`;
    const size = imageSize(upload.bytes) ?? { width: 604, height: 453 };
    return response([
      {
        id,
        album_id: -3,
        owner_id: ownerId,
        access_key: upload.accessKey,
        date: Math.floor(Date.now() / 1000),
        sizes: [{ type: 'x', url: `${this.baseUrl}/photo${ownerId}_${id}.jpg`, ...size }],
        text: '',
        has_tags: false,
      },
    ]);
  }

  private docsSave(request: RecordedRequest): Reply {
    const file = textParam(request.params['file']) ?? '';
    const key = file.split('|')[3];
    const upload = this.stored.find((u) => u.kind === 'doc' && u.key === key);
    if (!upload) return this.invalid(request, 'file is undefined'); // [U]
    const id = upload.savedId ?? this.docIds++;
    upload.savedId = id;
    const ownerId = -this.groupId;
    upload.attachment = `doc${ownerId}_${id}`;
    const title = textParam(request.params['title']) || upload.fileName || 'file';
    const ext = /\.([A-Za-z0-9]{1,8})$/.exec(upload.fileName ?? title)?.[1]?.toLowerCase() ?? '';
    return response({
      type: 'doc',
      doc: {
        id,
        owner_id: ownerId,
        title,
        size: upload.bytes.length,
        ext,
        date: Math.floor(Date.now() / 1000),
        type: docType(ext),
        url: `${this.baseUrl}/doc${ownerId}_${id}?hash=${upload.hash}`,
      },
    });
  }

  private download(id: number): Reply {
    const upload = this.stored.find((u) => u.savedId === id);
    if (!upload) return this.notFound();
    return { status: 200, body: upload.bytes, contentType: upload.contentType ?? 'application/octet-stream' };
  }
}
