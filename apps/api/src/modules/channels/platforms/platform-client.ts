import { parseJsonBody } from './platform-protocol';

/**
 * The outbound half of a messenger (issue #11 point 1 and 3): checking an account's credentials,
 * registering our webhook with the platform, and sending replies. Each platform's client speaks its wire
 * format over fetch against a configurable base URL (CHN-6); its errors are classified here into
 * retryable (with the platform's retry hint) and permanent (with the platform's own reason).
 */

/** A file of a reply, read only when the platform needs its bytes (upload) or its address (Viber's public URL). */
export interface OutboundFile {
  name: string;
  mime: string;
  size: number;
  isImage: boolean;
  bytes(): Promise<Buffer>;
  /** An address the platform can download it from, valid for a while (platforms without upload: Viber). */
  publicUrl(): string;
}

export interface OutboundReply {
  /** The conversation on the platform (Telegram chat id, VK peer id, Viber user id, OK chat id). */
  chatId: string;
  text: string;
  files: OutboundFile[];
  /** Stable per reply: VK drops a resend with the same random_id, so a retried send is never doubled. */
  dedupeKey: string;
}

/** What the platform told us about the account when its credentials were checked. */
export interface AccountInfo {
  /** Shown in Settings (Telegram @bot, the VK community, the Viber account, the OK group). */
  accountName: string | null;
}

export interface PlatformCapabilities {
  files: boolean;
  typing: boolean;
  readReceipts: boolean;
  edits: boolean;
  buttons: boolean;
  /** The platform has an API to register our webhook (VK's callback server is entered by hand). */
  registerWebhook: boolean;
}

/** Channel settings every messenger has (CHN-6). */
export interface BaseSettings {
  apiBaseUrl?: string | null;
}

/** One platform's outbound API. `S` its settings, `K` its (opened) secrets. */
export interface PlatformClient<S extends BaseSettings, K> {
  readonly capabilities: PlatformCapabilities;
  /** Checks the credentials with the platform (throws PlatformError when it refuses them). */
  describe(settings: S, secrets: K): Promise<AccountInfo>;
  registerWebhook(url: string, settings: S, secrets: K): Promise<void>;
  unregisterWebhook(settings: S, secrets: K): Promise<void>;
  /** Sends the text, then each file, in that order; returns the platform's id of the first message it created. */
  send(reply: OutboundReply, settings: S, secrets: K): Promise<{ externalId: string | null }>;
  /** The bytes of an inbound file (a file id or URL the webhook named), at most `limit` bytes. */
  download(fileRef: string, settings: S, secrets: K, limit: number): Promise<DownloadedFile>;
  /**
   * Who a platform user is, for platforms whose webhooks name the sender by id only (VK): asked once, when
   * the client is new. Null when the platform does not know them.
   */
  lookupUser?(userId: string, settings: S, secrets: K): Promise<PlatformPerson | null>;
  /**
   * What to download (with `download`) for the person's picture, for platforms whose webhooks do not carry
   * its address (Telegram's getUserProfilePhotos); null when they have none.
   */
  avatarOf?(userId: string, settings: S, secrets: K): Promise<string | null>;
  /** Shows "typing…" to the person in the chat for a few seconds (platforms with the typing capability). */
  typing?(chatId: string, settings: S, secrets: K): Promise<void>;
}

/** What a platform tells about a person when asked (lookupUser). */
export interface PlatformPerson {
  name: string | null;
  username: string | null;
  profileUrl: string | null;
  /** Where their picture is (a file reference `download` takes), if they have one. */
  avatarUrl: string | null;
}

export interface DownloadedFile {
  bytes: Buffer;
  /** The file's name where the address ends in one. */
  fileName: string | null;
}

/**
 * A file from a platform's CDN (VK, Viber and OK name files by URL): http(s) only, a timeout, and cut off
 * past `limit` bytes without reading the rest. Failures are PlatformErrors (the message keeps its placeholder).
 */
export async function downloadFile(what: string, url: string, limit: number): Promise<DownloadedFile> {
  if (!/^https?:\/\//i.test(url)) throw new PlatformError(`${what}: not a web address`, false);
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS) });
  } catch {
    throw new PlatformError(`${what}: could not be downloaded`, true);
  }
  if (!response.ok || !response.body) throw new PlatformError(`${what}: the platform answered HTTP ${response.status}`, response.status >= 500);
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) {
    await response.body.cancel();
    throw new PlatformError(`${what}: larger than ${Math.round(limit / 1024 / 1024)} MB`, false);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PlatformError(`${what}: larger than ${Math.round(limit / 1024 / 1024)} MB`, false);
    }
    chunks.push(Buffer.from(value));
  }
  const last = new URL(url).pathname.split('/').pop() ?? '';
  return { bytes: Buffer.concat(chunks), fileName: /\.[a-z0-9]{2,5}$/i.test(last) ? decodeURIComponent(last) : null };
}

/**
 * A platform refused, or could not be reached. `retryable`: try the same request again later, not before
 * `retryAfterMs` when the platform said (Telegram's `retry_after`). The message is the platform's own
 * words, never a URL (Telegram's holds the bot token).
 */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** How long one platform request may take before it counts as a timeout (retryable). */
export const PLATFORM_TIMEOUT_MS = 15_000;

export interface PlatformResponse {
  status: number;
  /** The JSON body with integers beyond 2^53 as digits; null when the body is not JSON. */
  json: unknown;
  text: string;
}

/**
 * One HTTP request to a platform. Network failures, timeouts, 5xx and 429 become retryable PlatformErrors;
 * every other answer is returned for the platform's client to read (several platforms answer errors with 200).
 * `what` names the call in errors ("Telegram sendMessage").
 */
export async function callPlatform(what: string, url: string, init: RequestInit): Promise<PlatformResponse> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS) });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer in ${PLATFORM_TIMEOUT_MS / 1000} s` : 'could not be reached';
    throw new PlatformError(`${what}: ${reason}`, true);
  }
  const text = await response.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text ? parseJsonBody(Buffer.from(text)) : null;
  } catch {
    json = null;
  }
  if (response.status >= 500) throw new PlatformError(`${what}: the platform answered HTTP ${response.status}`, true, retryAfterHeader(response));
  if (response.status === 429 && json === null) throw new PlatformError(`${what}: too many requests (HTTP 429)`, true, retryAfterHeader(response));
  return { status: response.status, json, text };
}

function retryAfterHeader(response: Response): number | null {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
}

/** An answer we do not understand fails with what the platform said, cut short (never crashes the worker). */
export function notUnderstood(what: string, response: PlatformResponse): PlatformError {
  const raw = response.text.replace(/\s+/g, ' ').slice(0, 300);
  return new PlatformError(`${what}: unexpected answer (HTTP ${response.status}): ${raw || '(empty)'}`, false);
}

/** A scalar of a platform's answer as text (ids, tokens); anything else as its JSON. */
export function scalar(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : JSON.stringify(value) ?? '';
}

/** `value` as an object (a JSON object), else null. */
export function objectOf(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The channel's API base: its own setting, else the environment's, else the platform's address. */
export function baseUrlOf(settings: BaseSettings, fallback: string): string {
  return (settings.apiBaseUrl || fallback).replace(/\/+$/, '');
}

/** A multipart body with one file part and text fields. */
export async function multipart(fields: Record<string, string>, fileField: string, file: OutboundFile): Promise<FormData> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(fileField, new Blob([await file.bytes()], { type: file.mime }), file.name);
  return form;
}

/** Text split at the platform's length limit, preferring line breaks, never inside a surrogate pair. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = limit;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}
