import { createHash } from 'node:crypto';
import {
  baseUrlOf,
  callPlatform,
  downloadFile,
  multipart,
  notUnderstood,
  objectOf,
  PlatformError,
  scalar,
  splitText,
  type OutboundFile,
  type OutboundReply,
  type PlatformClient,
  type PlatformPerson,
} from '../platform-client';
import type { VkSecrets, VkSettings } from './vk.protocol';

/** VK's API host (../shared/reference/channels.md §2); methods are below /method. */
export const VK_API = 'https://api.vk.com';
export const VK_API_VERSION = '5.199';

/** messages.send's limit on text (characters). */
const TEXT_LIMIT = 4096;

/** Error codes a later retry can fix: too many requests per second, flood control, internal error, rate limit reached. */
const RETRYABLE = new Set([6, 9, 10, 29]);
/** What the conversation shows for the permanent refusals a person can act on. */
const PERMANENT: Record<number, string> = {
  5: 'VK refused the community token',
  7: 'The community token lacks the right to send messages',
  15: 'VK denied access',
  18: 'The client\'s VK page is deleted or banned',
  900: 'The client has put the community on their blacklist',
  901: 'The client has not allowed messages from the community',
  902: 'The client\'s privacy settings forbid messages from the community',
};

/**
 * VK's random_id for a reply: a positive int32 derived from the reply, so a send retried after a timeout is
 * dropped by VK itself rather than shown twice.
 */
export function vkRandomId(dedupeKey: string, part: number): number {
  return createHash('sha256').update(`${dedupeKey}:${part}`).digest().readUInt32BE(0) & 0x7fffffff;
}

export class VkClient implements PlatformClient<VkSettings, VkSecrets> {
  readonly capabilities = { files: true, typing: true, readReceipts: true, edits: true, buttons: true, registerWebhook: false };

  constructor(private readonly defaultBase: string = VK_API) {}

  /** One API method over a form POST; VK answers errors with HTTP 200 and an `error` object. */
  private async call(settings: VkSettings, secrets: VkSecrets, method: string, params: Record<string, string | number>): Promise<unknown> {
    const body = new URLSearchParams({ ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), access_token: secrets.accessToken, v: VK_API_VERSION });
    const response = await callPlatform(`VK ${method}`, `${baseUrlOf(settings, this.defaultBase)}/method/${method}`, { method: 'POST', body });
    const envelope = objectOf(response.json);
    const error = objectOf(envelope?.error);
    if (error) {
      const code = Number(error.error_code);
      const said = typeof error.error_msg === 'string' ? error.error_msg : `error ${code}`;
      if (RETRYABLE.has(code)) throw new PlatformError(`VK is limiting the community: ${said}`, true, code === 6 ? 1000 : null);
      throw new PlatformError(PERMANENT[code] ? `${PERMANENT[code]} (VK: ${said})` : `VK refused ${method}: ${said}`, false);
    }
    if (!envelope || !('response' in envelope)) throw notUnderstood(`VK ${method}`, response);
    return envelope.response;
  }

  async describe(settings: VkSettings, secrets: VkSecrets) {
    const result = objectOf(await this.call(settings, secrets, 'groups.getById', { group_id: settings.groupId ?? '' }));
    const groups = Array.isArray(result?.groups) ? result.groups : [];
    const group = objectOf(groups[0]);
    return { accountName: typeof group?.name === 'string' ? group.name : null };
  }

  /** users.get: message_new names the sender by from_id only; their name and screen name come from here. */
  async lookupUser(userId: string, settings: VkSettings, secrets: VkSecrets): Promise<PlatformPerson | null> {
    const [user] = (await this.call(settings, secrets, 'users.get', { user_ids: userId, fields: 'screen_name,photo_100' })) as unknown[];
    const found = objectOf(user);
    if (!found) return null;
    const name = [found.first_name, found.last_name].filter((part): part is string => typeof part === 'string' && part.trim() !== '').join(' ');
    const screenName = typeof found.screen_name === 'string' && /^[\w.]+$/.test(found.screen_name) ? found.screen_name : null;
    // A page without a chosen short name has `id<number>` as its screen name: not a username worth showing.
    const username = screenName && screenName !== `id${userId}` ? screenName : null;
    const avatarUrl = typeof found.photo_100 === 'string' && /^https?:\/\//.test(found.photo_100) ? found.photo_100 : null;
    return { name: name || null, username, profileUrl: `https://vk.com/${screenName ?? `id${userId}`}`, avatarUrl };
  }

  /** messages.setActivity: "typing…" in the conversation for about 10 s. */
  async typing(chatId: string, settings: VkSettings, secrets: VkSecrets): Promise<void> {
    await this.call(settings, secrets, 'messages.setActivity', { peer_id: chatId, type: 'typing', ...(settings.groupId ? { group_id: settings.groupId } : {}) });
  }

  /** A community token cannot set up its callback server: the administrator enters our URL in VK. */
  registerWebhook(): Promise<void> {
    return Promise.reject(new PlatformError('VK has no API for a community token to register the callback server: enter the URL in the community\'s settings', false));
  }

  async unregisterWebhook(): Promise<void> {
    // Nothing to undo at VK: the community's callback server stays until the administrator removes it.
  }

  /** A file uploaded to VK the way it wants (photos and documents have their own servers), as an `attachment` item. */
  private async upload(settings: VkSettings, secrets: VkSecrets, peerId: string, file: OutboundFile): Promise<string> {
    const photo = file.isImage;
    const server = objectOf(
      await this.call(settings, secrets, photo ? 'photos.getMessagesUploadServer' : 'docs.getMessagesUploadServer', photo ? { peer_id: peerId } : { type: 'doc', peer_id: peerId }),
    );
    if (typeof server?.upload_url !== 'string') throw new PlatformError('VK gave no upload address', false);
    const uploaded = await callPlatform('VK upload', server.upload_url, { method: 'POST', body: await multipart({}, photo ? 'photo' : 'file', file) });
    const result = objectOf(uploaded.json);
    if (!result) throw notUnderstood('VK upload', uploaded);
    if (photo) {
      const saved = await this.call(settings, secrets, 'photos.saveMessagesPhoto', { server: scalar(result.server), photo: scalar(result.photo), hash: scalar(result.hash) });
      const item = objectOf(Array.isArray(saved) ? saved[0] : null);
      if (!item) throw new PlatformError('VK did not save the photo', false);
      return `photo${scalar(item.owner_id)}_${scalar(item.id)}${item.access_key ? `_${scalar(item.access_key)}` : ''}`;
    }
    if (typeof result.file !== 'string') throw new PlatformError(`VK did not take the file: ${scalar(result.error ?? 'no file in the answer')}`, false);
    const saved = objectOf(await this.call(settings, secrets, 'docs.save', { file: result.file, title: file.name }));
    const doc = objectOf(saved?.doc);
    if (!doc) throw new PlatformError('VK did not save the document', false);
    return `doc${scalar(doc.owner_id)}_${scalar(doc.id)}`;
  }

  async send(reply: OutboundReply, settings: VkSettings, secrets: VkSecrets) {
    const attachments: string[] = [];
    for (const file of reply.files) attachments.push(await this.upload(settings, secrets, reply.chatId, file));
    const texts = splitText(reply.text, TEXT_LIMIT);
    if (texts.length === 0) texts.push('');
    let first: string | null = null;
    for (const [index, message] of texts.entries()) {
      const last = index === texts.length - 1;
      const id = await this.call(settings, secrets, 'messages.send', {
        peer_id: reply.chatId,
        random_id: vkRandomId(reply.dedupeKey, index),
        message,
        ...(last && attachments.length ? { attachment: attachments.join(',') } : {}),
      });
      first ??= typeof id === 'number' || typeof id === 'string' ? String(id) : null;
    }
    return { externalId: first };
  }

  download(fileRef: string, _settings: unknown, _secrets: unknown, limit: number) {
    return downloadFile('VK file', fileRef, limit);
  }
}
