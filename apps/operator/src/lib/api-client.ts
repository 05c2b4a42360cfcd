import { ErrorCode, isApiError, type ApiError } from '@omnichannel/contracts';

/** An error answer of the API, carrying its contract code (clients switch on the code, never the text). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
    this.name = 'ApiRequestError';
  }

  get code(): ApiError['code'] {
    return this.error.code;
  }
}

type Query = Record<string, string | number | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** JSON over fetch with the session cookie (same origin); non-2xx answers throw ApiRequestError. */
export async function api<T>(method: string, path: string, options: { body?: unknown; query?: Query } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, options.query), {
      method,
      credentials: 'same-origin',
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiRequestError(0, { code: ErrorCode.Internal, message: 'The server cannot be reached. Check your connection.' });
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiRequestError(
      response.status,
      isApiError(data) ? data : { code: ErrorCode.Internal, message: `Unexpected answer (${response.status})` },
    );
  }
  return data as T;
}
