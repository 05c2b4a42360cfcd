import { baseUrlOf, callPlatform, downloadFile, multipart, notUnderstood, objectOf, PlatformError, splitText, type OutboundReply, type PlatformClient } from '../platform-client';
import type { OkSecrets, OkSettings } from './ok.protocol';

/** OK's API host (../shared/reference/channels.md §7); the bot API is below /graph. */
export const OK_API = 'https://api.ok.ru';

const TEXT_LIMIT = 4000;

/** Classic OK error codes (`{"error_code":…,"error_msg":…}`, HTTP 200). 102–104: the token; 1, 3, 9: temporary. */
const RETRYABLE = new Set([1, 3, 9]);
const PERMANENT: Record<number, string> = {
  102: 'OK refused the group token (session expired)',
  103: 'OK refused the group token',
  104: 'OK refused the group token',
  455: 'The client has not allowed messages from the group',
};

export class OkClient implements PlatformClient<OkSettings, OkSecrets> {
  readonly capabilities = { files: true, typing: true, readReceipts: false, edits: false, buttons: true, registerWebhook: true };

  constructor(private readonly defaultBase: string = OK_API) {}

  /** One Graph call with the token in the query, as OK requires; errors are HTTP 200 with `error_code`. */
  private async call(settings: OkSettings, secrets: OkSecrets, what: string, path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
    const separator = path.includes('?') ? '&' : '?';
    const url = `${baseUrlOf(settings, this.defaultBase)}${path}${separator}access_token=${encodeURIComponent(secrets.accessToken)}`;
    const response = await callPlatform(`OK ${what}`, url, init);
    const body = objectOf(response.json);
    if (!body) throw notUnderstood(`OK ${what}`, response);
    if (body.error_code !== undefined) {
      const code = Number(body.error_code);
      const said = typeof body.error_msg === 'string' ? body.error_msg : `error ${code}`;
      if (RETRYABLE.has(code)) throw new PlatformError(`OK ${what}: ${said}`, true);
      throw new PlatformError(PERMANENT[code] ? `${PERMANENT[code]} (OK: ${said})` : `OK refused ${what}: ${said}`, false);
    }
    return body;
  }

  private json(body: unknown): RequestInit {
    return { method: 'POST', headers: { 'content-type': 'application/json;charset=utf-8' }, body: JSON.stringify(body) };
  }

  async describe(settings: OkSettings, secrets: OkSecrets) {
    const info = await this.call(settings, secrets, 'me/info', '/graph/me/info', { method: 'GET' });
    return { accountName: typeof info.name === 'string' ? info.name : null };
  }

  async registerWebhook(url: string, settings: OkSettings, secrets: OkSecrets): Promise<void> {
    const answer = await this.call(settings, secrets, 'subscribe', '/graph/me/subscribe', this.json({ url }));
    if (answer.success === false) throw new PlatformError('OK did not subscribe the webhook', false);
  }

  async unregisterWebhook(settings: OkSettings, secrets: OkSecrets): Promise<void> {
    const current = await this.call(settings, secrets, 'subscriptions', '/graph/me/subscriptions', { method: 'GET' });
    const subscriptions = Array.isArray(current.subscriptions) ? current.subscriptions : [];
    for (const item of subscriptions) {
      const url = objectOf(item)?.url;
      if (typeof url === 'string') await this.call(settings, secrets, 'unsubscribe', '/graph/me/unsubscribe', this.json({ url }));
    }
  }

  /** OK's three steps for a file: an upload address with its token, the bytes, then the token in the message. */
  private async upload(settings: OkSettings, secrets: OkSecrets, file: OutboundReply['files'][number]): Promise<Record<string, unknown>> {
    const slot = await this.call(settings, secrets, 'fileUploadUrl', '/graph/me/fileUploadUrl?type=FILE', { method: 'GET' });
    if (typeof slot.url !== 'string' || typeof slot.token !== 'string') throw notUnderstood('OK fileUploadUrl', { status: 200, json: slot, text: JSON.stringify(slot) });
    const uploaded = await callPlatform('OK upload', slot.url, { method: 'POST', body: await multipart({}, 'data', file) });
    if (uploaded.status >= 400) throw notUnderstood('OK upload', uploaded);
    return { type: 'FILE', payload: { token: slot.token } };
  }

  /** A sender action in the chat: "typing…". */
  async typing(chatId: string, settings: OkSettings, secrets: OkSecrets): Promise<void> {
    await this.call(settings, secrets, 'messages', `/graph/me/messages/${encodeURIComponent(chatId)}`, this.json({ recipient: { chat_id: chatId }, sender_action: 'typing_on' }));
  }

  async send(reply: OutboundReply, settings: OkSettings, secrets: OkSecrets) {
    const attachments: Record<string, unknown>[] = [];
    for (const file of reply.files) attachments.push(await this.upload(settings, secrets, file));
    const texts = splitText(reply.text, TEXT_LIMIT);
    if (texts.length === 0) texts.push('');
    let first: string | null = null;
    for (const [index, text] of texts.entries()) {
      const last = index === texts.length - 1;
      const message = { ...(text ? { text } : {}), ...(last && attachments.length ? { attachments } : {}) };
      const sent = await this.call(settings, secrets, 'messages', `/graph/me/messages/${encodeURIComponent(reply.chatId)}`, this.json({ recipient: { chat_id: reply.chatId }, message }));
      first ??= typeof sent.message_id === 'string' ? sent.message_id : null;
    }
    return { externalId: first };
  }

  download(fileRef: string, _settings: unknown, _secrets: unknown, limit: number) {
    return downloadFile('OK file', fileRef, limit);
  }
}
