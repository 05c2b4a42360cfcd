import type {
  ApiError,
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
    throw new ApiRequestError(0, 'NETWORK', error instanceof Error ? error.message : 'Network error');
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const code = isRecord(payload) && typeof payload.code === 'string' ? (payload.code as ApiError['code']) : 'INTERNAL';
    const message = isRecord(payload) && typeof payload.message === 'string' ? payload.message : `HTTP ${response.status}`;
    throw new ApiRequestError(response.status, code, message);
  }
  return payload as T;
}

export const widgetApi = {
  config: (key: string) => request<WidgetConfig>(`/api/widget/config?key=${encodeURIComponent(key)}`),
  createSession: (key: string) => request<VisitorSession>('/api/widget/sessions', { method: 'POST', body: { key } }),
  state: (token: string) => request<VisitorState>('/api/widget/state', { token }),
  updateVisitor: (token: string, patch: UpdateVisitorRequest) =>
    request<Visitor>('/api/widget/visitor', { method: 'PATCH', token, body: patch }),
};
