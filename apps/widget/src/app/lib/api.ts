import type {
  ApiError,
  Attachment,
  UpdateVisitorRequest,
  Visitor,
  VisitorSession,
  VisitorState,
  WidgetConfig,
} from '@omnichannel/contracts';
import { isRecord } from './storage';

/** A failed REST call: the API's error code, or NETWORK when the server could not be reached. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiError['code'] | 'NETWORK',
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  token?: string;
  body?: unknown;
}

function errorFrom(status: number, payload: unknown): ApiRequestError {
  const code = isRecord(payload) && typeof payload.code === 'string' ? (payload.code as ApiError['code']) : 'INTERNAL';
  const message = isRecord(payload) && typeof payload.message === 'string' ? payload.message : `HTTP ${status}`;
  return new ApiRequestError(status, code, message);
}

function networkError(error: unknown): ApiRequestError {
  return new ApiRequestError(0, 'NETWORK', error instanceof Error ? error.message : 'Network error');
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    throw networkError(error);
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorFrom(response.status, payload);
  return payload as T;
}

/** The visitor's own download path of a file: the token goes in a header, so never an <img src> of it. */
export function attachmentPath(attachmentId: string): string {
  return `/api/widget/attachments/${encodeURIComponent(attachmentId)}`;
}

/** A file's bytes, fetched with the visitor token (WGT-9). */
async function download(token: string, attachmentId: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(attachmentPath(attachmentId), {
      headers: { authorization: `Bearer ${token}` },
      credentials: 'omit',
    });
  } catch (error) {
    throw networkError(error);
  }
  if (!response.ok) throw errorFrom(response.status, await response.json().catch(() => null));
  return response.blob();
}

export interface Upload {
  promise: Promise<Attachment>;
  abort(): void;
}

/** XMLHttpRequest rather than fetch: only it reports upload progress. */
function upload(token: string, file: File, onProgress: (fraction: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', '/api/widget/attachments');
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        // an empty or non-JSON answer: reported by its status below
      }
      if (xhr.status >= 200 && xhr.status < 300 && isRecord(payload) && typeof payload.id === 'string') resolve(payload as unknown as Attachment);
      else reject(errorFrom(xhr.status, payload));
    };
    xhr.onerror = () => reject(networkError(null));
    xhr.onabort = () => reject(networkError(null));
    const form = new FormData();
    form.append('file', file, file.name || 'file');
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export const widgetApi = {
  config: (key: string) => request<WidgetConfig>(`/api/widget/config?key=${encodeURIComponent(key)}`),
  createSession: (key: string) => request<VisitorSession>('/api/widget/sessions', { method: 'POST', body: { key } }),
  state: (token: string) => request<VisitorState>('/api/widget/state', { token }),
  updateVisitor: (token: string, patch: UpdateVisitorRequest) =>
    request<Visitor>('/api/widget/visitor', { method: 'PATCH', token, body: patch }),
  upload,
  download,
};
