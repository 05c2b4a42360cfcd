import type { ApiError, Attachment } from '@omnichannel/contracts';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  cookie?: string;
  token?: string;
  headers?: Record<string, string>;
}

/** A real HTTP request against a test app, with JSON in and out. */
export async function http<T = unknown>(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.cookie) headers.cookie = options.cookie;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

export function expectError(result: HttpResult, status: number, code: ApiError['code']): void {
  expect({ status: result.status, code: (result.body as ApiError).code }).toEqual({ status, code });
  expect(typeof (result.body as ApiError).message).toBe('string');
}

/** A multipart upload through the real HTTP stack. */
export async function uploadFile(baseUrl: string, path: string, file: Buffer, name: string, auth: { cookie?: string; token?: string }) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  const headers: Record<string, string> = {};
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', body: form, headers });
  return { status: response.status, body: (await response.json()) as Attachment & { code?: string; message?: string } };
}
