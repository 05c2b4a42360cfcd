import { createApiClient, createUploader, type ApiClientOptions } from '@omnichannel/contracts';

/** Our own origin, with the session cookie. */
const options: ApiClientOptions = { baseUrl: '/api', credentials: 'same-origin' };

/**
 * Every route by id, its input and its answer typed by the contracts: `api('tickets.detail', { params: { id } })`.
 * Failures reject with ApiRequestError.
 */
export const api = createApiClient(options);

/** Files with upload progress: `upload('attachments.upload', { file, onProgress })`. */
export const upload = createUploader(options);
