import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createApiClient, createUploader } from './api-client';
import { ApiRequestError, isNetworkFailure, isRouteError } from './api-error';

function answer(status: number, body?: unknown, contentType = 'application/json'): Response {
  if (body === undefined) return new Response(null, { status });
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, { status, headers: { 'content-type': contentType } });
}

describe('the typed API client', () => {
  const fetchMock = jest.fn<Promise<Response>, [string, RequestInit]>();
  beforeEach(() => {
    fetchMock.mockReset();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
  });
  const api = createApiClient({ baseUrl: 'https://chat.example/api', credentials: 'omit', headers: { 'x-client': 'test' } });

  it('sends the route\'s method and path with encoded parameters, the query and a JSON body', async () => {
    fetchMock.mockResolvedValue(answer(201, { id: 'm1' }));
    const message = await api('tickets.postMessage', { params: { id: 'a b' }, body: { kind: 'comment', body: 'hi' }, headers: { authorization: 'Bearer t' } });
    expect(message).toEqual({ id: 'm1' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('https://chat.example/api/tickets/a%20b/messages');
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'omit',
      body: JSON.stringify({ kind: 'comment', body: 'hi' }),
      headers: { 'x-client': 'test', authorization: 'Bearer t', 'content-type': 'application/json' },
    });

    fetchMock.mockResolvedValue(answer(200, { items: [], total: 0 }));
    await api('tickets.search', { query: { q: 'printer', pageSize: 2, live: undefined } });
    expect(fetchMock.mock.calls[1]?.[0]).toBe('https://chat.example/api/tickets/search?q=printer&pageSize=2');
  });

  it('resolves a 204 to undefined and a download to its bytes', async () => {
    fetchMock.mockResolvedValue(answer(204));
    await expect(api('tickets.markRead', { params: { id: 't' }, body: { seq: 3 } })).resolves.toBeUndefined();
    fetchMock.mockResolvedValue(answer(200, 'file bytes', 'text/plain'));
    const blob = await api('widget.download', { params: { id: 'f' } });
    expect(await blob.text()).toBe('file bytes');
    const jsonFile = new Response('{"a":1}', { status: 200, headers: { 'content-type': 'application/json', 'content-disposition': 'attachment; filename="a.json"' } });
    fetchMock.mockResolvedValue(jsonFile);
    expect(await (await api('attachments.download', { params: { id: 'j' } })).text()).toBe('{"a":1}');
  });

  it('rejects with the API\'s error, typed by route and code', async () => {
    fetchMock.mockResolvedValue(
      answer(409, { code: 'OFFLINE_FORBIDDEN', message: 'You still hold #7', details: { requests: [{ id: 'r', number: 7, subject: 's', status: 'open' }] }, requestId: 'req-1' }),
    );
    const error: unknown = await api('presence.setMine', { body: { status: 'offline' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 409, code: 'OFFLINE_FORBIDDEN', message: 'You still hold #7', requestId: 'req-1', routeId: 'presence.setMine' });
    expect(isRouteError(error, 'presence.setMine', 'OFFLINE_FORBIDDEN')).toBe(true);
    expect(isRouteError(error, 'presence.setStatus', 'OFFLINE_FORBIDDEN')).toBe(false);
    if (isRouteError(error, 'presence.setMine', 'OFFLINE_FORBIDDEN')) expect(error.details.requests[0]?.number).toBe(7);
    expect(isNetworkFailure(error)).toBe(false);
  });

  it('reports an answer that is not the API\'s error shape as INTERNAL', async () => {
    fetchMock.mockResolvedValue(answer(502, '<html>Bad gateway</html>', 'text/html'));
    await expect(api('auth.me')).rejects.toMatchObject({ status: 502, code: 'INTERNAL' });
  });

  it('tells a network failure from a cancelled call', async () => {
    fetchMock.mockRejectedValue(new TypeError('fetch failed'));
    const failure: unknown = await api('auth.me').catch((e: unknown) => e);
    expect(isNetworkFailure(failure)).toBe(true);
    expect(failure).toMatchObject({ status: 0, code: 'NETWORK' });

    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('aborted', 'AbortError');
    fetchMock.mockRejectedValue(abort);
    await expect(api('auth.me', { signal: controller.signal })).rejects.toBe(abort);
  });

  it('gives a route\'s address for the browser to load', () => {
    expect(api.url('attachments.download', { params: { id: 'f1' } })).toBe('https://chat.example/api/attachments/f1');
    expect(api.url('widget.config', { query: { key: 'demo' } })).toBe('https://chat.example/api/widget/config?key=demo');
  });
});

/** Just enough of XMLHttpRequest to see what an upload sends and to answer it. */
class FakeXhr {
  static last: FakeXhr | undefined;
  opened: [string, string] | undefined;
  headers: Record<string, string> = {};
  sent: FormData | undefined;
  withCredentials = false;
  status = 0;
  responseText = '';
  upload: { onprogress?: (event: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(form: FormData) {
    this.sent = form;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe('uploads', () => {
  const upload = createUploader({ baseUrl: '/api', headers: { authorization: 'Bearer v' } });
  beforeAll(() => {
    (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = FakeXhr;
  });
  afterAll(() => {
    delete (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest;
  });

  it('posts the file as multipart to the route\'s path, reports progress and resolves with the answer', async () => {
    const progress: number[] = [];
    const done = upload('widget.upload', { file: new File(['hello'], 'hello.txt'), onProgress: (f) => progress.push(f) });
    const xhr = FakeXhr.last as FakeXhr;
    expect(xhr.opened).toEqual(['POST', '/api/widget/attachments']);
    expect(xhr.headers).toEqual({ authorization: 'Bearer v' });
    expect((xhr.sent?.get('file') as File).name).toBe('hello.txt');
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
    xhr.answer(201, { id: 'a1' });
    await expect(done).resolves.toEqual({ id: 'a1' });
    expect(progress).toEqual([0.5]);
  });

  it('rejects with the API\'s refusal, or an AbortError when cancelled', async () => {
    const refused = upload('attachments.upload', { file: new Blob(['x']) });
    (FakeXhr.last as FakeXhr).answer(413, { code: 'FILE_TOO_LARGE', message: 'A file may be at most 10 MB', requestId: 'r' });
    await expect(refused).rejects.toMatchObject({ status: 413, code: 'FILE_TOO_LARGE', routeId: 'attachments.upload' });
    const controller = new AbortController();
    const cancelled = upload('attachments.upload', { file: new Blob(['x']), signal: controller.signal });
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/** The modules a file imports at run time (type-only imports are erased and do not count). */
function runtimeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)';/gms)].map((m) => m[1] as string);
}

describe('front-end weight (P8)', () => {
  it('the client reaches no zod at run time, so the SPA and the widget do not bundle it', () => {
    const seen = new Set<string>();
    const reached: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of runtimeImports(file)) {
        if (!specifier.startsWith('.')) reached.push(`${specifier} (from ${file.slice(resolve(__dirname, '..').length + 1)})`);
        else visit(`${join(dirname(file), specifier)}.ts`);
      }
    };
    visit(join(__dirname, 'api-client.ts'));
    expect(seen.size).toBeGreaterThan(3);
    expect(reached).toEqual([]);
  });
});
