import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { parseBody, type UploadedFile } from './http-body';

export interface RecordedRequest {
  /** The platform method: 'sendMessage', 'messages.send', 'send_message', 'messages' (OK send), 'setWebhook', 'upload', … */
  method: string;
  httpMethod: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  /** The body exactly as received. */
  body: Buffer;
  /** JSON body, or form/query fields, or multipart text fields, merged (query first, body wins). */
  params: Record<string, unknown>;
  /** Multipart file parts (Viber: the media the fake fetched). */
  files: UploadedFile[];
  at: number;
}

export type FaultKind = 'rateLimit' | 'blocked' | 'invalidToken' | 'serverError' | 'timeout' | 'garbage';

export interface FaultOptions {
  /** How many calls in a row fail (default 1). */
  count?: number;
  /** Seconds the platform asks to wait, where its rate-limit answer carries a number (Telegram). */
  retryAfter?: number;
}

export interface PushOptions {
  /** Deliver here instead of the registered webhook. */
  url?: string;
}

export interface PushResult {
  status: number;
  body: string;
}

export interface Reply {
  status: number;
  body: string | Buffer;
  contentType: string;
  headers?: Record<string, string>;
}

/** What a platform-specific error fault answers with. */
export type PlatformFault = Extract<FaultKind, 'rateLimit' | 'blocked' | 'invalidToken'>;

export interface Route {
  method: string;
  handle: (request: RecordedRequest) => Reply | Promise<Reply>;
  /** False for the fake's own pages (the demo chat): neither recorded nor subject to faults. */
  recorded?: boolean;
}

interface QueuedFault {
  kind: FaultKind;
  remaining: number;
  retryAfter: number;
}

interface Waiter {
  method: string;
  count: number;
  resolve: (requests: RecordedRequest[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Never answered: the client sees a request that hangs until it gives up or the fake stops. */
const HOLD = Symbol('hold');

// What a reverse proxy in front of the platform answers when the platform is down (nginx's page).
const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
// A response cut short: announced as JSON, does not parse.
const GARBAGE_BODY = '{"ok":true,"result":{"message_id":';

const PUSH_TIMEOUT_MS = 10_000;

export function json(value: unknown, status = 200): Reply {
  return { status, body: JSON.stringify(value), contentType: 'application/json' };
}

/**
 * A local stand-in for a messenger's API server: one node:http server on 127.0.0.1 that records every
 * request, answers in the platform's own wire format, fails on demand and delivers webhooks the way the
 * platform does. Subclasses map paths to methods and say what each platform's errors look like.
 */
export abstract class FakePlatform<TPushOptions extends PushOptions = PushOptions> {
  /** What the product registered (setWebhook / set_webhook / subscribe); null before. */
  webhookUrl: string | null = null;

  private server: Server | null = null;
  private port = 0;
  private recorded: RecordedRequest[] = [];
  private faults = new Map<string, QueuedFault[]>();
  private waiters: Waiter[] = [];

  /** Where a channel's API address points: the part of the real URL before the platform's own path. */
  get baseUrl(): string {
    if (!this.server) throw new Error(`${this.constructor.name} is not started`);
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    if (this.server) throw new Error(`${this.constructor.name} is already started`);
    const server = createServer((req, res) => {
      void this.serve(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`${this.constructor.name} stopped while waiting for ${waiter.method}`));
    }
    // Held ('timeout') requests and idle keep-alive sockets would keep close() waiting forever.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  requests(method?: string): RecordedRequest[] {
    return method === undefined ? [...this.recorded] : this.recorded.filter((request) => request.method === method);
  }

  /** Resolves with all requests of `method` once at least `count` are recorded. */
  waitFor(method: string, count: number, timeoutMs = 5000): Promise<RecordedRequest[]> {
    const now = this.requests(method);
    if (now.length >= count) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        method,
        count,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          const seen = this.recorded.map((r) => r.method).join(', ') || 'nothing';
          reject(new Error(`${this.constructor.name}: ${this.requests(method).length} of ${count} ${method} after ${timeoutMs} ms (recorded: ${seen})`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /**
   * The next `count` calls of `method` fail as the platform fails: its own error body for rateLimit, blocked
   * and invalidToken; 'timeout' never answers; 'garbage' is a 200 that is not JSON; 'serverError' a 502 page.
   * Several calls queue up in order.
   */
  failNext(method: string, kind: FaultKind, options: FaultOptions = {}): void {
    const queue = this.faults.get(method) ?? [];
    queue.push({ kind, remaining: options.count ?? 1, retryAfter: options.retryAfter ?? 1 });
    this.faults.set(method, queue);
  }

  /** Delivers one webhook with the platform's authentication; a Buffer or string is sent byte for byte. */
  async push(body: Buffer | string | object, options: TPushOptions = {} as TPushOptions): Promise<PushResult> {
    const url = options.url ?? this.webhookUrl;
    if (!url) throw new Error(`${this.constructor.name}: no webhook is registered (and no options.url was given)`);
    const bytes = Buffer.isBuffer(body)
      ? body
      : typeof body === 'string'
        ? Buffer.from(body, 'utf8')
        : Buffer.from(JSON.stringify(this.completeEvent(body)), 'utf8');
    return this.post(url, bytes, this.webhookHeaders(bytes, options));
  }

  /** Forgets recorded requests and queued faults; the webhook and added files stay. */
  reset(): void {
    this.recorded = [];
    this.faults.clear();
  }

  /** The route for a request, or null for a path the platform does not serve. */
  protected abstract route(httpMethod: string, path: string): Route | null;

  /** The platform's own answer for a scripted rateLimit / blocked / invalidToken. */
  protected abstract faultReply(kind: PlatformFault, request: RecordedRequest, retryAfter: number): Reply;

  /** What the platform answers for a path it does not serve. */
  protected abstract notFound(request: RecordedRequest): Reply;

  /** Headers of a webhook delivery over these exact bytes (signature, secret, content type). */
  protected abstract webhookHeaders(bytes: Buffer, options: TPushOptions): Record<string, string>;

  /** Lets a platform fill in envelope fields of an event given as an object (VK's secret). */
  protected completeEvent(event: object): object {
    return event;
  }

  /** An outgoing POST as the platform makes it (webhook deliveries, Viber's set_webhook check). */
  protected async post(url: string, bytes: Buffer, headers: Record<string, string>): Promise<PushResult> {
    const response = await fetch(url, { method: 'POST', headers, body: bytes, signal: AbortSignal.timeout(PUSH_TIMEOUT_MS) });
    return { status: response.status, body: await response.text() };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(url.searchParams);
      const headers = flattenHeaders(req);
      const parsed = parseBody(headers['content-type'], body);
      const httpMethod = req.method ?? 'GET';
      const route = this.route(httpMethod, url.pathname);
      const request: RecordedRequest = {
        method: route?.method ?? '',
        httpMethod,
        path: url.pathname,
        query,
        headers,
        body,
        params: { ...query, ...parsed.params },
        files: parsed.files,
        at: Date.now(),
      };
      if (route?.recorded === false) {
        send(res, await route.handle(request));
        return;
      }
      this.remember(request);
      const fault = route ? this.takeFault(route.method) : null;
      const reply = fault ? this.answerFault(fault, request) : route ? await route.handle(request) : this.notFound(request);
      if (reply === HOLD) return;
      send(res, reply);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake platform error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private remember(request: RecordedRequest): void {
    this.recorded.push(request);
    for (const waiter of [...this.waiters]) {
      const matching = this.requests(waiter.method);
      if (matching.length < waiter.count) continue;
      clearTimeout(waiter.timer);
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(matching);
    }
  }

  private takeFault(method: string): QueuedFault | null {
    const queue = this.faults.get(method);
    const head = queue?.[0];
    if (!queue || !head) return null;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head;
  }

  private answerFault(fault: QueuedFault, request: RecordedRequest): Reply | typeof HOLD {
    switch (fault.kind) {
      case 'timeout':
        return HOLD;
      case 'garbage':
        return { status: 200, body: GARBAGE_BODY, contentType: 'application/json' };
      case 'serverError':
        return { status: 502, body: BAD_GATEWAY_HTML, contentType: 'text/html' };
      case 'rateLimit':
      case 'blocked':
      case 'invalidToken':
        return this.faultReply(fault.kind, request, fault.retryAfter);
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function flattenHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function send(res: ServerResponse, reply: Reply): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  res.writeHead(reply.status, { ...reply.headers, 'content-type': reply.contentType, 'content-length': String(body.length) });
  res.end(body);
}
