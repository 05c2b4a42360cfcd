import type { z } from 'zod';
import { UPLOAD_FIELD } from '../constants';
import type { ApiRoutes } from '../routes';
import { routeTable, routeUrl, type RouteId } from '../routes/route-table';
import { ApiRequestError } from './api-error';

// The one client of the SPA and the widget. It reads only the zod-free route table at run time; the
// route objects (and so zod) are imported for their types alone.

type Empty = Record<never, never>;

/** A request part the route takes, optional when every field of it is. */
type Part<K extends string, S> = S extends z.ZodType
  ? undefined extends z.input<S>
    ? { readonly [P in K]?: z.input<S> }
    : Empty extends z.input<S>
      ? { readonly [P in K]?: z.input<S> }
      : { readonly [P in K]: z.input<S> }
  : unknown;

export interface RequestOptions {
  /** Added to the client's headers for this call (e.g. a visitor's `authorization`). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** What a call of the route sends: typed path parameters, query and JSON body. */
export type RouteRequest<Id extends RouteId> = Part<'params', ApiRoutes[Id]['params']> &
  Part<'query', ApiRoutes[Id]['query']> &
  Part<'body', ApiRoutes[Id]['body']> &
  RequestOptions;

/** What a call of the route resolves to: the parsed JSON answer, a download's Blob, or nothing (204). */
export type ClientResult<Id extends RouteId> = ApiRoutes[Id]['response'] extends z.ZodType
  ? z.output<ApiRoutes[Id]['response']>
  : ApiRoutes[Id]['download'] extends true
    ? Blob
    : undefined;

/** The routes that take a file (multipart) rather than JSON. */
export type UploadRouteId = { [Id in RouteId]: ApiRoutes[Id]['upload'] extends true ? Id : never }[RouteId];
export type JsonRouteId = Exclude<RouteId, UploadRouteId>;

export type UploadRequest<Id extends UploadRouteId> = Part<'params', ApiRoutes[Id]['params']> &
  RequestOptions & {
    readonly file: Blob;
    /** Defaults to the File's own name. */
    readonly fileName?: string;
    /** 0…1 while the bytes go up. */
    readonly onProgress?: (fraction: number) => void;
  };

type Args<R> = Empty extends R ? [request?: R] : [request: R];
type UrlRequest<Id extends RouteId> = Part<'params', ApiRoutes[Id]['params']> & Part<'query', ApiRoutes[Id]['query']>;

export interface ApiClient {
  /** Calls a route by id; a non-2xx answer or a network failure rejects with ApiRequestError. */
  <Id extends JsonRouteId>(id: Id, ...request: Args<RouteRequest<Id>>): Promise<ClientResult<Id>>;
  /** The route's address, for links and images the browser loads itself. */
  url<Id extends RouteId>(id: Id, ...request: Args<UrlRequest<Id>>): string;
}

/** Uploads one file with progress; rejects like the client, or with an AbortError when cancelled. */
export type Uploader = <Id extends UploadRouteId>(id: Id, request: UploadRequest<Id>) => Promise<ClientResult<Id>>;

export interface ApiClientOptions {
  /** Where the API is: '/api' on the same origin, or `${origin}/api`. */
  readonly baseUrl: string;
  readonly credentials?: RequestCredentials;
  /** Sent with every call. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cache?: RequestCache;
}

interface AnyRequest extends RequestOptions {
  readonly params?: Record<string, string | number>;
  readonly query?: Record<string, string | number | boolean | null | undefined>;
  readonly body?: unknown;
}

interface AnyUpload extends RequestOptions {
  readonly params?: Record<string, string | number>;
  readonly file: Blob;
  readonly fileName?: string;
  readonly onProgress?: (fraction: number) => void;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function addressOf(options: ApiClientOptions, id: RouteId, request: Pick<AnyRequest, 'params' | 'query'> = {}): string {
  return `${options.baseUrl}${routeUrl(id, request.params, request.query)}`;
}

/** A client of the API at `baseUrl`: `api('tickets.detail', { params: { id } })`. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const call = async (id: RouteId, request: AnyRequest = {}): Promise<unknown> => {
    const headers: Record<string, string> = { ...options.headers, ...request.headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(addressOf(options, id, request), {
        method: routeTable[id].method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        credentials: options.credentials,
        cache: options.cache,
        signal: request.signal,
      });
    } catch (error) {
      // A cancelled call is the caller's doing, not a network failure.
      if (request.signal?.aborted) throw error;
      throw ApiRequestError.network(id);
    }
    if (!response.ok) throw ApiRequestError.fromAnswer(id, response.status, parseJson(await response.text().catch(() => '')));
    if (response.status === 204) return undefined;
    // Downloads come as attachments, whatever their type (a file may well be JSON).
    const json = response.headers.get('content-type')?.includes('json') && !response.headers.get('content-disposition')?.startsWith('attachment');
    return json ? response.json() : response.blob();
  };
  return Object.assign(call, { url: (id: RouteId, request?: AnyRequest) => addressOf(options, id, request) }) as ApiClient;
}

/**
 * Uploads through XMLHttpRequest, because fetch reports no upload progress. Apart from the client, so a
 * bundle that uploads nothing (the widget loader) does not carry it.
 */
export function createUploader(options: ApiClientOptions): Uploader {
  const upload = (id: RouteId, request: AnyUpload): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(routeTable[id].method, addressOf(options, id, request));
      xhr.withCredentials = options.credentials === 'include';
      for (const [name, value] of Object.entries({ ...options.headers, ...request.headers })) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) request.onProgress?.(event.loaded / event.total);
      };
      xhr.onload = () => {
        const payload = parseJson(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) resolve(payload);
        else reject(ApiRequestError.fromAnswer(id, xhr.status, payload));
      };
      xhr.onerror = () => reject(ApiRequestError.network(id));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
      request.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      const form = new FormData();
      const ownName = request.file instanceof File ? request.file.name : '';
      form.append(UPLOAD_FIELD, request.file, request.fileName ?? (ownName || 'file'));
      xhr.send(form);
    });
  return upload as Uploader;
}
