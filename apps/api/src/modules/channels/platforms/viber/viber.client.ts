import { baseUrlOf, callPlatform, downloadFile, notUnderstood, objectOf, PlatformError, scalar, splitText, type OutboundReply, type PlatformClient } from '../platform-client';
import type { ViberSecrets, ViberSettings } from './viber.protocol';

/** Viber's REST bot API host (../shared/reference/channels.md §3); methods are below /pa. */
export const VIBER_API = 'https://chatapi.viber.com';

/** Viber's limit on a text message (characters; the whole request must stay under 30 KB). */
const TEXT_LIMIT = 7000;
/** A picture must be a JPEG or PNG; anything else goes as a file. */
const PICTURE_TYPES = ['image/jpeg', 'image/png'];

/** The events we ask Viber for: receipts move our replies' states, subscriptions the client's reachability. */
const EVENT_TYPES = ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'];

/** Status codes that a later retry can fix: 12 tooManyRequests (Viber gives no hint: the queue's backoff applies). */
const RETRYABLE = new Set([12]);
const PERMANENT: Record<number, string> = {
  2: 'Viber refused the auth token',
  5: 'The client is not registered on Viber',
  6: 'The client is not subscribed to the bot (they blocked it or never started it)',
  7: 'The bot\'s account is blocked',
  8: 'The bot\'s account was not found',
  9: 'The bot\'s account is suspended',
  10: 'No webhook is set for the bot',
  11: 'The client has no device that can show this message',
};

export class ViberClient implements PlatformClient<ViberSettings, ViberSecrets> {
  readonly capabilities = { files: true, typing: false, readReceipts: true, edits: false, buttons: true, registerWebhook: true };

  constructor(private readonly defaultBase: string = VIBER_API) {}

  /** One method: JSON with the token in a header; every error is HTTP 200 with a non-zero `status`. */
  private async call(settings: ViberSettings, secrets: ViberSecrets, method: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await callPlatform(`Viber ${method}`, `${baseUrlOf(settings, this.defaultBase)}/pa/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-viber-auth-token': secrets.authToken },
      body: JSON.stringify(body),
    });
    const envelope = objectOf(response.json);
    if (!envelope || envelope.status === undefined) throw notUnderstood(`Viber ${method}`, response);
    const status = Number(envelope.status);
    if (status === 0) return envelope;
    const said = typeof envelope.status_message === 'string' ? envelope.status_message : `status ${status}`;
    if (RETRYABLE.has(status)) throw new PlatformError(`Viber is limiting the bot: ${said}`, true);
    throw new PlatformError(PERMANENT[status] ? `${PERMANENT[status]} (Viber: ${said})` : `Viber refused ${method}: ${said}`, false);
  }

  async describe(settings: ViberSettings, secrets: ViberSecrets) {
    const info = await this.call(settings, secrets, 'get_account_info', {});
    return { accountName: typeof info.name === 'string' ? info.name : null };
  }

  /** Viber calls the URL at once with a `webhook` event and succeeds only when it answers 200. */
  async registerWebhook(url: string, settings: ViberSettings, secrets: ViberSecrets): Promise<void> {
    await this.call(settings, secrets, 'set_webhook', { url, event_types: EVENT_TYPES, send_name: true, send_photo: true });
  }

  async unregisterWebhook(settings: ViberSettings, secrets: ViberSecrets): Promise<void> {
    await this.call(settings, secrets, 'set_webhook', { url: '' });
  }

  async send(reply: OutboundReply, settings: ViberSettings, secrets: ViberSecrets) {
    const base = {
      receiver: reply.chatId,
      min_api_version: 1,
      sender: { name: settings.senderName, ...(settings.senderAvatar ? { avatar: settings.senderAvatar } : {}) },
      tracking_data: reply.dedupeKey,
    };
    const messages: Record<string, unknown>[] = splitText(reply.text, TEXT_LIMIT).map((text) => ({ type: 'text', text }));
    // Viber has no upload: it downloads each file from a public address of ours that expires.
    for (const file of reply.files) {
      messages.push(
        PICTURE_TYPES.includes(file.mime) ? { type: 'picture', media: file.publicUrl(), text: '' } : { type: 'file', media: file.publicUrl(), size: file.size, file_name: file.name },
      );
    }
    let first: string | null = null;
    for (const message of messages) {
      const sent = await this.call(settings, secrets, 'send_message', { ...base, ...message });
      // message_token exceeds 2^53: parseJsonBody kept its digits as text.
      first ??= sent.message_token === undefined ? null : scalar(sent.message_token);
    }
    return { externalId: first };
  }

  download(fileRef: string, _settings: unknown, _secrets: unknown, limit: number) {
    return downloadFile('Viber file', fileRef, limit);
  }
}
