import { createApiClient, createUploader, type ApiClientOptions, type Attachment, type UpdateVisitorRequest } from '@omnichannel/contracts';

/**
 * The API on the frame's own origin. Never with cookies: the visitor token travels in the Authorization
 * header, so it is never in a URL (and never in an <img src>).
 */
const options: ApiClientOptions = { baseUrl: '/api', credentials: 'omit', cache: 'no-store' };
const api = createApiClient(options);
const uploader = createUploader(options);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The visitor's own download address of a file (fetched with the token; see download). */
export function attachmentPath(attachmentId: string): string {
  return api.url('widget.download', { params: { id: attachmentId } });
}

export interface Upload {
  promise: Promise<Attachment>;
  abort(): void;
}

/** WGT-9: one file, with its progress. */
function upload(token: string, file: File, onProgress: (fraction: number) => void): Upload {
  const controller = new AbortController();
  const promise = uploader('widget.upload', { file, headers: bearer(token), onProgress, signal: controller.signal });
  return { promise, abort: () => controller.abort() };
}

export const widgetApi = {
  config: (key: string) => api('widget.config', { query: { key } }),
  createSession: (key: string) => api('widget.createSession', { body: { key } }),
  state: (token: string) => api('widget.state', { headers: bearer(token) }),
  updateVisitor: (token: string, patch: UpdateVisitorRequest) => api('widget.updateVisitor', { headers: bearer(token), body: patch }),
  upload,
  /** A file's bytes, fetched with the visitor token. */
  download: (token: string, attachmentId: string) => api('widget.download', { params: { id: attachmentId }, headers: bearer(token) }),
};
