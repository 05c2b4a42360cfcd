import { channelFixture, channelFixtureNames } from '../../../../../test/channel-fixtures';
import { MalformedWebhookError, type InboundEvent, type RawWebhook } from '../platform-protocol';
import { telegramProtocol } from './telegram.protocol';

/** The captured bodies (test/fixtures/channels/telegram, see SOURCES.md there), bytes as they are. */
const fixture = (name: string): Buffer => channelFixture('telegram', 'inbound', name);
const raw = (body: Buffer | string, headers: Record<string, string> = {}): RawWebhook => ({ headers, query: {}, body: Buffer.isBuffer(body) ? body : Buffer.from(body) });

const settings = {};
const secrets = { botToken: '123:abc', webhookSecret: 's3cr3t_Token-1' };

function only(name: string): InboundEvent {
  const result = telegramProtocol.parse(raw(fixture(name)));
  if (!('events' in result)) throw new Error(`${name} was ignored: ${result.ignored}`);
  expect(result.events).toHaveLength(1);
  return result.events[0]!;
}

describe('Telegram protocol (issue #11, CHN-2, CHN-3)', () => {
  describe('verify: the secret_token header, nothing about the body is signed', () => {
    it('accept the configured secret and refuse a missing, different or longer one', () => {
      const body = fixture('text.json');
      expect(telegramProtocol.verify(raw(body, { 'x-telegram-bot-api-secret-token': 's3cr3t_Token-1' }), settings, secrets)).toBe(true);
      expect(telegramProtocol.verify(raw(body), settings, secrets)).toBe(false);
      expect(telegramProtocol.verify(raw(body, { 'x-telegram-bot-api-secret-token': 's3cr3t_Token-2' }), settings, secrets)).toBe(false);
      expect(telegramProtocol.verify(raw(body, { 'x-telegram-bot-api-secret-token': 's3cr3t_Token-1x' }), settings, secrets)).toBe(false);
    });

    it('refuse everything when no secret is configured', () => {
      expect(telegramProtocol.verify(raw('{}', { 'x-telegram-bot-api-secret-token': '' }), settings, { ...secrets, webhookSecret: '' })).toBe(false);
    });
  });

  describe('parse every fixture', () => {
    it('covers every file of the fixtures folder', () => {
      expect(channelFixtureNames('telegram')).toEqual(
        ['audio.json', 'document.json', 'edited_message.json', 'my_chat_member_blocked.json', 'photo.json', 'sticker.json', 'text.json', 'video.json', 'voice.json'],
      );
    });

    it('text: the sender, the private chat, the text, update_id as the key', () => {
      expect(only('text.json')).toEqual({
        kind: 'message',
        eventId: '2342342343242',
        chatId: '23',
        messageId: '1',
        text: 'test',
        attachments: [],
        occurredAt: new Date(1631132077 * 1000),
        user: { id: '23', name: 'Sojan Jose', username: 'sojan', avatarUrl: null, profileUrl: 'https://t.me/sojan', language: 'en' },
      });
    });

    it('photo: the largest size and the caption as the text', () => {
      const event = only('photo.json');
      expect(event).toMatchObject({ kind: 'message', eventId: '900946525', chatId: '100000001', messageId: '85', text: 'Photo Caption' });
      expect(event.kind === 'message' && event.attachments).toEqual([
        { kind: 'photo', fileRef: 'AgADAQADtKcxG4LRUUQSQVUjfJIiiF8G6C8ABA9NJzFdXskaincBAAEC', fileName: null, mimeType: null, size: 104737, placeholder: null },
      ]);
    });

    it.each([
      ['document.json', 'document'],
      ['voice.json', 'voice'],
      ['video.json', 'video'],
      ['audio.json', 'audio'],
    ] as const)('%s: one %s attachment by its file_id, with its type and size', (name, kind) => {
      type File = { file_id: string; file_size?: number; mime_type?: string; file_name?: string; title?: string };
      const sent = (JSON.parse(fixture(name).toString('utf8')) as { message: Record<string, File> }).message[kind]!;
      const event = only(name);
      expect(event.kind === 'message' && event.attachments).toEqual([
        { kind, fileRef: sent.file_id, fileName: sent.file_name ?? sent.title ?? null, mimeType: sent.mime_type, size: sent.file_size ?? null, placeholder: null },
      ]);
      expect(sent.mime_type).toEqual(expect.stringMatching(/\//));
    });

    it('video: the video itself, not its thumbnail', () => {
      const event = only('video.json');
      const body = JSON.parse(fixture('video.json').toString('utf8')) as { message: { video: { file_id: string; thumb: { file_id: string } } } };
      expect(event.kind === 'message' && event.attachments[0]?.fileRef).toBe(body.message.video.file_id);
      expect(body.message.video.thumb.file_id).not.toBe(body.message.video.file_id);
    });

    it('sticker: the sticker file with its emoji as the placeholder', () => {
      const event = only('sticker.json');
      expect(event.kind === 'message' && event.attachments).toEqual([
        {
          kind: 'sticker',
          fileRef: 'CAACAgEAAxkBAANHYV6SqK4_QokaTV90Dp-2D2el0uAAAuMAA3FRvjHsabcjn_Em3yEE',
          fileName: null,
          mimeType: null,
          size: 7340,
          placeholder: 'Sticker 👍',
        },
      ]);
    });

    it('edited_message: an edit of message 48 in chat 789, at the edit date', () => {
      expect(only('edited_message.json')).toEqual({
        kind: 'edit',
        eventId: '1',
        chatId: '789',
        messageId: '48',
        text: 'updated message',
        occurredAt: new Date(1631132177 * 1000),
        user: { id: '123', name: null, username: 'sojan', avatarUrl: null, profileUrl: 'https://t.me/sojan', language: null },
      });
    });

    it('my_chat_member kicked: the person blocked the bot, never a message', () => {
      expect(only('my_chat_member_blocked.json')).toMatchObject({ kind: 'unsubscribed', eventId: '2342342343243', chatId: '23', user: { id: '23', name: 'Sojan Jose' } });
    });

    it('a repeated delivery has the same key', () => {
      const first = only('photo.json');
      expect(only('photo.json').eventId).toBe(first.eventId);
    });
  });

  describe('ignored on purpose, answered all the same', () => {
    const text = JSON.parse(fixture('text.json').toString('utf8')) as { update_id: number; message: Record<string, unknown> };

    it.each([
      ['a group chat', { ...text, message: { ...text.message, chat: { id: -100123, type: 'supergroup', title: 'Team' } } }, /supergroup chat/],
      ['a bot', { ...text, message: { ...text.message, from: { id: 5, is_bot: true, first_name: 'Other bot' } } }, /from a bot/],
      ['a callback query', { update_id: 7, callback_query: { id: '1', data: 'x' } }, /callback_query/],
      ['the bot unblocked twice', { update_id: 8, my_chat_member: { chat: { id: 1, type: 'private' }, from: { id: 1 }, date: 1, old_chat_member: { status: 'member' }, new_chat_member: { status: 'administrator' } } }, /member -> administrator/],
    ])('%s', (_what, body, reason) => {
      const result = telegramProtocol.parse(raw(JSON.stringify(body)));
      expect('ignored' in result && result.ignored).toMatch(reason);
    });

    it('the bot unblocked: reachable again', () => {
      const body = { update_id: 9, my_chat_member: { chat: { id: 23, type: 'private' }, from: { id: 23, first_name: 'Sojan' }, date: 1, old_chat_member: { status: 'kicked' }, new_chat_member: { status: 'member' } } };
      const result = telegramProtocol.parse(raw(JSON.stringify(body)));
      expect('events' in result && result.events[0]?.kind).toBe('subscribed');
    });

    it('an id beyond 2^53 keeps every digit', () => {
      const result = telegramProtocol.parse(raw(fixture('text.json').toString('utf8').replace('"update_id": 2342342343242', '"update_id": 98765432109876543210')));
      expect('events' in result && result.events[0]?.eventId).toBe('98765432109876543210');
    });
  });

  describe('malformed bodies are refused', () => {
    it.each([
      ['not JSON', 'update_id=1'],
      ['no update_id', '{"message":{}}'],
      ['a message without a chat', '{"update_id":1,"message":{"message_id":1,"date":1,"text":"x"}}'],
      ['an array', '[1,2]'],
    ])('%s', (_what, body) => {
      expect(() => telegramProtocol.parse(raw(body))).toThrow(MalformedWebhookError);
    });
  });

  it('accepts with a plain 200', () => {
    expect(telegramProtocol.accepted.status).toBe(200);
    expect(telegramProtocol.handshake(raw('{}'), settings, secrets)).toBeNull();
  });
});
