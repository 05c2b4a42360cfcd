import { CHANNEL_FIXTURES } from '../../../../../test/channel-fixtures';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MalformedWebhookError, OK_REPLY, type InboundEvent, type RawWebhook } from '../platform-protocol';
import { OK_SOURCE_RANGES, okProtocol, type OkSettings } from './ok.protocol';

/** The captured bodies (test/fixtures/channels/ok, see SOURCES.md), bytes as they are. */
const FIXTURES = resolve(CHANNEL_FIXTURES, 'ok/inbound');
const fixture = (name: string): Buffer => readFileSync(resolve(FIXTURES, name));
const raw = (body: Buffer | string, query: Record<string, string> = {}, headers: Record<string, string> = {}): RawWebhook => ({
  headers,
  query,
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
});

const settings: OkSettings = { allowedSources: [...OK_SOURCE_RANGES] };
const secrets = { accessToken: 'tkn1.group-token', webhookSecret: 'Zx81-path-token_q' };

function only(body: Buffer | string): InboundEvent {
  const result = okProtocol.parse(raw(body));
  if (!('events' in result)) throw new Error(`ignored: ${result.ignored}`);
  expect(result.events).toHaveLength(1);
  return result.events[0]!;
}

const attachment = (kind: string, fileRef: string | null, placeholder: string | null = null) => ({ kind, fileRef, fileName: null, mimeType: null, size: null, placeholder });

/** John Smith of the fixtures, as the newer API names him. */
const john = { id: 'user:123456789012', name: 'John Smith', username: null, avatarUrl: null, profileUrl: null, language: null };

/** A message body of our own making, for what no fixture shows. */
const created = (message: Record<string, unknown>, more: Record<string, unknown> = {}): string =>
  JSON.stringify({
    webhookType: 'MESSAGE_CREATED',
    sender: { user_id: 'user:123456789012', name: 'John Smith' },
    recipient: { chat_id: 'chat:C3ecb9d02a600' },
    message: { mid: 'mid:C3ecb9d02a600.1', ...message },
    timestamp: 1498581300000,
    ...more,
  });

describe('OK protocol (issue #11, CHN-2, CHN-3)', () => {

  describe('verify: the token in our webhook URL, then the documented source ranges', () => {
    const body = fixture('text.json');
    const token = { token: 'Zx81-path-token_q' };

    it('accepts the channel token and refuses a missing, different or longer one', () => {
      expect(okProtocol.verify(raw(body, token), settings, secrets)).toBe(true);
      expect(okProtocol.verify(raw(body), settings, secrets)).toBe(false);
      expect(okProtocol.verify(raw(body, { token: 'Zx81-path-token_Q' }), settings, secrets)).toBe(false);
      expect(okProtocol.verify(raw(body, { token: 'Zx81-path-token_qq' }), settings, secrets)).toBe(false);
    });

    it('refuses everything when the channel has no secret', () => {
      expect(okProtocol.verify(raw(body, { token: '' }), settings, { ...secrets, webhookSecret: '' })).toBe(false);
    });

    it('accepts an address in each documented /28, up to its edges', () => {
      for (const address of ['217.20.145.192', '217.20.145.207', '217.20.151.170', '217.20.153.63']) {
        expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': address }), settings, secrets)).toBe(true);
      }
    });

    it('refuses an address outside the ranges, just past an edge, or not IPv4', () => {
      for (const address of ['203.0.113.7', '217.20.145.208', '217.20.145.191', '217.20.153.64', '2001:db8::1', 'unknown', '']) {
        expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': address }), settings, secrets)).toBe(false);
      }
    });

    it('a right address does not stand in for the token', () => {
      expect(okProtocol.verify(raw(body, {}, { 'x-forwarded-for': '217.20.145.193' }), settings, secrets)).toBe(false);
    });

    it('reads the first X-Forwarded-For entry, and our own remote address before it', () => {
      expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': '217.20.151.161, 10.0.0.2' }), settings, secrets)).toBe(true);
      expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': '10.0.0.2, 217.20.151.161' }), settings, secrets)).toBe(false);
      expect(okProtocol.verify(raw(body, token, { 'x-omni-remote-address': '::ffff:217.20.153.50' }), settings, secrets)).toBe(true);
      const headers = { 'x-omni-remote-address': '198.51.100.4', 'x-forwarded-for': '217.20.145.193' };
      expect(okProtocol.verify(raw(body, token, headers), settings, secrets)).toBe(false);
    });

    it('no address stated, or no ranges configured: the token decides', () => {
      expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': '203.0.113.7' }), { allowedSources: [] }, secrets)).toBe(true);
      expect(okProtocol.verify(raw(body, token), settings, secrets)).toBe(true);
    });

    it("a channel's own ranges replace the documented ones; one that does not parse contains nothing", () => {
      const own = { allowedSources: ['10.1.0.0/16', '0.0.0.0/33', 'nonsense', '192.0.2.1'] };
      expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': '10.1.200.3' }), own, secrets)).toBe(true);
      expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': '217.20.145.193' }), own, secrets)).toBe(false);
      expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': '192.0.2.1' }), own, secrets)).toBe(false);
      expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': '192.0.2.1' }), { allowedSources: ['192.0.2.1/32'] }, secrets)).toBe(true);
      expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': '8.8.8.8' }), { allowedSources: ['0.0.0.0/0'] }, secrets)).toBe(true);
    });

    it('settings stored without the field fall back to the documented ranges', () => {
      const stored = {} as OkSettings;
      expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': '217.20.145.193' }), stored, secrets)).toBe(true);
      expect(okProtocol.verify(raw(body, token, { 'x-forwarded-for': '203.0.113.7' }), stored, secrets)).toBe(false);
    });
  });

  describe('parse every fixture', () => {
    it('covers every file of the fixtures folder', () => {
      expect(readdirSync(FIXTURES).sort()).toEqual([
        'audio_attachment.json',
        'image_attachment.json',
        'share_attachment.json',
        'text.json',
        'text_with_name_and_webhooktype.json',
        'video_attachment.json',
      ]);
    });

    it('text (the docs’ older shape, no webhookType): the sender, the chat, mid as the key, ms timestamp', () => {
      expect(only(fixture('text.json'))).toEqual({
        kind: 'message',
        eventId: 'mid:C3ecb9d02a600.15cea67d78d2059',
        chatId: 'chat:C3ecb9d02a600',
        messageId: 'mid:C3ecb9d02a600.15cea67d78d2059',
        text: 'text',
        attachments: [],
        occurredAt: new Date('2017-06-27T16:34:52.941Z'),
        user: { ...john, name: null },
      });
    });

    it('text with name and webhookType: the same message, now with the name', () => {
      expect(only(fixture('text_with_name_and_webhooktype.json'))).toEqual({ ...only(fixture('text.json')), user: john });
    });

    it('share: the link text, and the link as a placeholder, not a file to fetch', () => {
      expect(only(fixture('share_attachment.json'))).toMatchObject({
        eventId: 'mid:C3ecb9d02a600.15cea668c4c2481',
        text: 'https://ya.ru/',
        occurredAt: new Date(1498581208140),
        attachments: [attachment('other', null, 'Link: https://ya.ru/')],
      });
    });

    it.each([
      ['image_attachment.json', 'mid:C3ecb9d02a600.15cea67d78d2100', 1498581300000, attachment('photo', 'https://st.mycdn.me/res/i/ok_logo.png')],
      ['video_attachment.json', 'mid:C3ecb9d02a600.15cea67d78d2101', 1498581310000, attachment('video', 'https://ok.ru/video/1234567890')],
      ['audio_attachment.json', 'mid:C3ecb9d02a600.15cea67d78d2102', 1498581320000, attachment('audio', 'https://ok.ru/music/track/1234567890')],
    ])('%s: no text, one attachment by its URL', (name, mid, ms, expected) => {
      expect(only(fixture(name))).toEqual({
        kind: 'message',
        eventId: mid,
        chatId: 'chat:C3ecb9d02a600',
        messageId: mid,
        text: '',
        attachments: [expected],
        occurredAt: new Date(ms),
        user: john,
      });
    });

    it('a repeated delivery has the same key', () => {
      const first = only(fixture('image_attachment.json'));
      expect(only(fixture('image_attachment.json')).eventId).toBe(first.eventId);
    });
  });

  describe('what no fixture shows', () => {
    it('ids sent as numbers beyond 2^53 keep every digit', () => {
      const body = '{"webhookType":"MESSAGE_CREATED","sender":{"user_id":9007199254740993},"recipient":{"chat_id":98211023614189721},'
        + '"message":{"mid":98211023614189723,"seq":98211023614189725,"text":"hi"},"timestamp":1498581300000}';
      expect(only(body)).toMatchObject({ eventId: '98211023614189723', messageId: '98211023614189723', chatId: '98211023614189721', user: { id: '9007199254740993' } });
    });

    it('other attachment kinds: files by URL, the rest as placeholders; the keyboard is left out', () => {
      const event = only(
        created({
          attachments: [
            { type: 'FILE', payload: { url: 'https://ok.ru/file/1' } },
            { type: 'STICKER', payload: { url: 'https://i.mycdn.me/sticker/2' } },
            { type: 'MUSIC', payload: { url: 'https://ok.ru/music/3' } },
            { type: 'LOCATION', payload: { latitude: 55.75, longitude: 37.61 } },
            { type: 'CONTACT', payload: { name: 'Anna' } },
            { type: 'PRESENT', payload: {} },
            { type: 'CALL' },
            { type: 'INLINE_KEYBOARD', payload: { buttons: [] } },
            { type: 'POLL', payload: { id: '4' } },
            { type: 'IMAGE', payload: { url: 'http://st.mycdn.me/plain.png' } },
            { type: 'FILE', payload: { token: 'upload-token' } },
          ],
        }),
      );
      expect(event.kind === 'message' && event.attachments).toEqual([
        attachment('document', 'https://ok.ru/file/1'),
        attachment('sticker', 'https://i.mycdn.me/sticker/2'),
        attachment('audio', 'https://ok.ru/music/3'),
        attachment('location', null, 'Location'),
        attachment('contact', null, 'Contact'),
        attachment('other', null, 'Gift'),
        attachment('other', null, 'Call'),
        attachment('other', null, 'Attachment POLL'),
        attachment('photo', null, 'Photo'),
        attachment('document', null, 'File'),
      ]);
    });
  });

  describe('ignored on purpose, answered all the same', () => {
    it.each([
      ['a button callback', { webhookType: 'MESSAGE_CALLBACK', callbackId: 'cb:77', payload: 'yes', sender: { user_id: 'user:1' }, timestamp: 1 }, /callback cb:77/],
      ['a chat system event', { webhookType: 'CHAT_SYSTEM', recipient: { chat_id: 'chat:1' }, timestamp: 1 }, /chat system/],
      ['a type we do not know', { webhookType: 'CHAT_STARTED', timestamp: 1 }, /CHAT_STARTED/],
    ])('%s', (_what, body, reason) => {
      const result = okProtocol.parse(raw(JSON.stringify(body)));
      expect('ignored' in result && result.ignored).toMatch(reason);
    });
  });

  describe('malformed bodies are refused', () => {
    it.each([
      ['not JSON', 'mid=1'],
      ['an empty body', ''],
      ['an array', '[{"webhookType":"MESSAGE_CREATED"}]'],
      ['neither a type nor a message', '{"sender":{"user_id":"user:1"},"timestamp":1}'],
      ['a type that is not text', '{"webhookType":1,"message":{}}'],
      ['a message without a sender id', created({}, { sender: { name: 'John Smith' } })],
      ['a message without a sender', created({}, { sender: undefined })],
      ['a message without mid', created({ mid: undefined, text: 'x' })],
      ['a message without a chat', created({}, { recipient: {} })],
      ['a message without a timestamp', created({}, { timestamp: undefined })],
      ['a callback without its id', '{"webhookType":"MESSAGE_CALLBACK","payload":"yes"}'],
    ])('%s', (_what, body) => {
      expect(() => okProtocol.parse(raw(body))).toThrow(MalformedWebhookError);
    });

    it('the fixture without its sender id', () => {
      const body = fixture('text.json').toString('utf8').replace('"user_id": "user:123456789012"', '"id": "user:123456789012"');
      expect(() => okProtocol.parse(raw(body))).toThrow(MalformedWebhookError);
    });
  });

  it('no handshake, and a plain 200 once stored', () => {
    expect(okProtocol.handshake(raw(fixture('text.json'), { token: secrets.webhookSecret }), settings, secrets)).toBeNull();
    expect(okProtocol.accepted).toBe(OK_REPLY);
  });
});
