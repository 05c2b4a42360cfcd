import { CHANNEL_FIXTURES } from '../../../../../test/channel-fixtures';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { MalformedWebhookError, OK_REPLY, type InboundEvent, type ParseResult, type RawWebhook } from '../platform-protocol';
import { vkProtocol, type VkSecrets, type VkSettings } from './vk.protocol';

const FIXTURES = path.resolve(CHANNEL_FIXTURES, 'vk/inbound');

/** The fixture's bytes as they are on disk. */
function fixture(name: string): RawWebhook {
  return { headers: {}, query: {}, body: readFileSync(path.join(FIXTURES, name)) };
}

function body(value: unknown): RawWebhook {
  return { headers: {}, query: {}, body: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) };
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) =>
    statSync(path.join(dir, name)).isDirectory() ? listFiles(path.join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`],
  );
}

/** The courier fixtures' secret (signatures.md worked example). */
const COURIER: VkSecrets = { secret: 'abc123xyz', confirmation: 'a1b2c3', accessToken: 'token' };
const NO_GROUP: VkSettings = { groupId: null };

function onlyEvent(result: ParseResult): InboundEvent {
  if (!('events' in result)) throw new Error(`expected events, got ignored: ${result.ignored}`);
  expect(result.events).toHaveLength(1);
  return result.events[0]!;
}

const user = (id: string) => ({ id, name: null, username: null, avatarUrl: null, profileUrl: `https://vk.com/id${id}`, language: null });

const graffiti = { kind: 'photo', fileRef: 'https://foo.bar/graffiti.png', fileName: null, mimeType: null, size: null, placeholder: null };
const mp3 = { kind: 'voice', fileRef: 'https://foo.bar/audio.mp3', fileName: null, mimeType: 'audio/mpeg', size: null, placeholder: null };

/** A courier message_new fixture: user 123456, message 1, no event_id, so the message's coordinates are the key. */
const courierMessage = (attachments: unknown[], text = '') => ({
  kind: 'message',
  eventId: 'msg:1',
  chatId: '123456',
  occurredAt: new Date(1580125800 * 1000),
  user: user('123456'),
  messageId: '1',
  text,
  attachments,
});

/** What each fixture file becomes; a file added to the folder without an entry here fails the first test. */
const EXPECTED: Record<string, ParseResult> = {
  'confirmation.json': { ignored: 'VK event confirmation' },
  'message_new_text_private.json': { events: [courierMessage([], 'Hello World')] as InboundEvent[] },
  'message_new_photo.json': {
    events: [
      courierMessage([{ kind: 'photo', fileRef: 'https://foo.bar/y-photo.jpg', fileName: null, mimeType: null, size: null, placeholder: null }, graffiti]),
    ] as InboundEvent[],
  },
  'message_new_doc.json': {
    events: [courierMessage([{ kind: 'document', fileRef: 'https://foo.bar/doc.pdf', fileName: null, mimeType: null, size: null, placeholder: null }, mp3])] as InboundEvent[],
  },
  'message_new_audio_message.json': { events: [courierMessage([mp3, graffiti])] as InboundEvent[] },
  'message_new_sticker.json': {
    events: [
      courierMessage([
        { kind: 'sticker', fileRef: 'https://foo.bar/256x256_sticker.png', fileName: null, mimeType: null, size: null, placeholder: 'Sticker' },
        graffiti,
      ]),
    ] as InboundEvent[],
  },
  'message_new_text_chat_v5_199.json': {
    events: [
      {
        kind: 'message',
        eventId: 'd31e92e8ccde1fa2cde93eeaf9cbdf6d0cd0a936',
        chatId: '2000000002',
        occurredAt: new Date(1709107598 * 1000),
        user: user('123456789'),
        // Chats give communities id 0: the message is known by its number in the conversation.
        messageId: '2000000002:2707',
        text: 'Hi!',
        attachments: [],
      },
    ],
  },
  'message_new_legacy_pre_5_103_chat_kick.json': { ignored: 'VK chat action chat_kick_user' },
};

describe('vkProtocol fixtures', () => {
  it('has an expectation for every fixture file', () => {
    expect(listFiles(FIXTURES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('parses %s', (name, expected) => {
    expect(vkProtocol.parse(fixture(name))).toEqual(expected);
  });

  it('accepts the courier fixtures with their secret, and refuses them with another', () => {
    for (const name of Object.keys(EXPECTED).filter((n) => n.startsWith('message_new_') && !n.includes('chat'))) {
      expect(vkProtocol.verify(fixture(name), NO_GROUP, COURIER)).toBe(true);
      expect(vkProtocol.verify(fixture(name), NO_GROUP, { ...COURIER, secret: 'another' })).toBe(false);
    }
  });

  it('refuses the fixtures that carry no secret (they are not confirmations)', () => {
    expect(vkProtocol.verify(fixture('message_new_legacy_pre_5_103_chat_kick.json'), { groupId: 218730916 }, COURIER)).toBe(false);
    expect(vkProtocol.verify(fixture('message_new_text_chat_v5_199.json'), { groupId: 218730916 }, COURIER)).toBe(false);
  });

  it('gives a repeated delivery the same eventId, with or without event_id', () => {
    for (const name of ['message_new_text_chat_v5_199.json', 'message_new_text_private.json']) {
      expect(onlyEvent(vkProtocol.parse(fixture(name))).eventId).toBe(onlyEvent(vkProtocol.parse(fixture(name))).eventId);
    }
  });

  it('has no handshake for ordinary events', () => {
    expect(vkProtocol.handshake(fixture('message_new_text_private.json'), NO_GROUP, COURIER)).toBeNull();
  });

  it('answers stored events with 200 plain-text ok', () => {
    expect(vkProtocol.accepted).toEqual(OK_REPLY);
    expect(vkProtocol.accepted).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' });
  });
});

describe('vkProtocol confirmation', () => {
  const secrets: VkSecrets = { secret: 'secret_123456', confirmation: 'confirmation_123456', accessToken: 'token' };

  it('answers with the bare confirmation string (vksdk "check SecretKey")', () => {
    const raw = fixture('confirmation.json');
    expect(vkProtocol.verify(raw, NO_GROUP, secrets)).toBe(true);
    expect(vkProtocol.handshake(raw, NO_GROUP, secrets)).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', body: 'confirmation_123456' });
  });

  it('answers courier\'s confirmation with its configured string', () => {
    expect(vkProtocol.handshake(body({ type: 'confirmation', group_id: 123456 }), NO_GROUP, COURIER)?.body).toBe('a1b2c3');
  });

  it('refuses a confirmation with a wrong secret even for our community', () => {
    expect(vkProtocol.verify(fixture('confirmation.json'), { groupId: 123456 }, { ...secrets, secret: 'secret_654321' })).toBe(false);
  });

  it('accepts a confirmation without secret only when it names our community', () => {
    const raw = body({ type: 'confirmation', group_id: 123456 });
    expect(vkProtocol.verify(raw, { groupId: 123456 }, secrets)).toBe(true);
    expect(vkProtocol.verify(raw, { groupId: 654321 }, secrets)).toBe(false);
    expect(vkProtocol.verify(raw, NO_GROUP, secrets)).toBe(false);
    expect(vkProtocol.verify(body({ type: 'confirmation' }), { groupId: 123456 }, secrets)).toBe(false);
  });

  it('does not extend that to other events naming our community', () => {
    expect(vkProtocol.verify(body({ type: 'message_new', group_id: 123456, object: {} }), { groupId: 123456 }, secrets)).toBe(false);
  });
});

describe('vkProtocol verify (signatures.md worked example, courier)', () => {
  it('accepts the right secret', () => {
    expect(vkProtocol.verify(body('{"type": "some_event", "object": {}, "secret": "abc123xyz"}'), NO_GROUP, COURIER)).toBe(true);
  });

  it('rejects a wrong secret', () => {
    expect(vkProtocol.verify(body('{"type": "some_event", "object": {}, "secret": "0987654321"}'), NO_GROUP, COURIER)).toBe(false);
  });

  it('rejects a missing secret', () => {
    expect(vkProtocol.verify(body('{"type": "some_event", "object": {}}'), NO_GROUP, COURIER)).toBe(false);
  });

  it('rejects everything while no secret is configured', () => {
    expect(vkProtocol.verify(body({ type: 'some_event', object: {}, secret: '' }), NO_GROUP, { ...COURIER, secret: '' })).toBe(false);
  });

  it('ignores an unknown event that passed', () => {
    expect(vkProtocol.parse(body('{"type": "some_event", "object": {}, "secret": "abc123xyz"}'))).toEqual({ ignored: 'VK event some_event' });
  });
});

describe('vkProtocol malformed bodies', () => {
  it.each([
    ['not JSON', 'not json'],
    ['truncated JSON', '{"type": "message_new"'],
    ['an array', '[]'],
    ['no type', '{"object": {}, "secret": "abc123xyz"}'],
    ['a numeric type', '{"type": 5, "secret": "abc123xyz"}'],
  ])('%s: parse throws and verify is false', (_name, text) => {
    expect(() => vkProtocol.parse(body(text))).toThrow(MalformedWebhookError);
    expect(vkProtocol.verify(body(text), NO_GROUP, COURIER)).toBe(false);
    expect(vkProtocol.handshake(body(text), NO_GROUP, COURIER)).toBeNull();
  });

  it.each([
    ['no object', { type: 'message_new' }],
    ['neither object.message nor from_id', { type: 'message_new', object: {} }],
    ['object.message without from_id', { type: 'message_new', object: { message: { id: 1, text: 'x' } } }],
    ['object.message not an object', { type: 'message_new', object: { message: 'x' } }],
    ['id 0 and no conversation_message_id', { type: 'message_new', object: { message: { id: 0, from_id: 1, peer_id: 2000000001 } } }],
    ['a non-digit id', { type: 'message_new', object: { message: { id: '1a', from_id: 1 } } }],
    ['message_deny without user_id', { type: 'message_deny', object: {} }],
    ['message_read naming no conversation', { type: 'message_read', object: { read_message_id: 5 } }],
  ])('message shape %s: parse throws (verify only checks the envelope and secret)', (_name, value) => {
    const raw = body({ ...value, secret: 'abc123xyz' });
    expect(vkProtocol.verify(raw, NO_GROUP, COURIER)).toBe(true);
    expect(() => vkProtocol.parse(raw)).toThrow(MalformedWebhookError);
  });
});

describe('vkProtocol message_new', () => {
  const message = (fields: Record<string, unknown>) =>
    body({ type: 'message_new', event_id: 'e1', v: '5.199', group_id: 1, object: { message: { id: 311, date: 1717171717, from_id: 501234567, peer_id: 501234567, text: '', ...fields } } });
  const attachmentsOf = (attachments: unknown[]) => {
    const event = onlyEvent(vkProtocol.parse(message({ attachments })));
    if (event.kind !== 'message') throw new Error(`expected a message, got ${event.kind}`);
    return event.attachments;
  };

  it('reads the reference text example', () => {
    const event = onlyEvent(vkProtocol.parse(message({ text: 'Здравствуйте, где мой заказ?', out: 0, conversation_message_id: 88 })));
    expect(event).toEqual({
      kind: 'message',
      eventId: 'e1',
      chatId: '501234567',
      occurredAt: new Date(1717171717 * 1000),
      user: user('501234567'),
      messageId: '311',
      text: 'Здравствуйте, где мой заказ?',
      attachments: [],
    });
  });

  it('falls back to peer_id:conversation_message_id without event_id', () => {
    const raw = body({ type: 'message_new', object: { message: { id: 9, date: 1, from_id: 5, peer_id: 2000000003, conversation_message_id: 42, text: 'x' } } });
    expect(onlyEvent(vkProtocol.parse(raw))).toMatchObject({ eventId: '2000000003:42', chatId: '2000000003', messageId: '9' });
  });

  it('keeps every digit of ids beyond 2^53', () => {
    const raw = body('{"type":"message_new","event_id":"e","object":{"message":{"id":9007199254740993,"date":1,"from_id":9007199254740995,"text":"x"}}}');
    expect(onlyEvent(vkProtocol.parse(raw))).toMatchObject({ messageId: '9007199254740993', chatId: '9007199254740995', user: { id: '9007199254740995' } });
  });

  it('gives a community sender no profile page', () => {
    const event = onlyEvent(vkProtocol.parse(message({ from_id: -229011223, peer_id: 2000000001, text: 'hi' })));
    expect(event).toMatchObject({ user: { id: '-229011223', profileUrl: null } });
  });

  it('ignores our own outgoing echoes and message_reply', () => {
    expect(vkProtocol.parse(message({ out: 1, text: 'from us' }))).toEqual({ ignored: 'VK outgoing message (our own echo)' });
    expect(vkProtocol.parse(body({ type: 'message_reply', object: { id: 1, from_id: -1, text: 'x' } }))).toEqual({
      ignored: 'VK message_reply (our own outgoing message)',
    });
  });

  it('ignores a chat service action in the current shape too, but keeps one with text', () => {
    expect(vkProtocol.parse(message({ action: { type: 'chat_invite_user' } }))).toEqual({ ignored: 'VK chat action chat_invite_user' });
    expect(onlyEvent(vkProtocol.parse(message({ action: { type: 'chat_title_update' }, text: 'New title' })))).toMatchObject({ text: 'New title' });
  });

  it('reads the legacy (pre-5.103) shape as a message when it is one', () => {
    const raw = body({ type: 'message_new', object: { id: 7, date: 1558100846, from_id: 194250225, peer_id: 194250225, text: 'old', attachments: [] } });
    expect(onlyEvent(vkProtocol.parse(raw))).toMatchObject({ kind: 'message', eventId: 'msg:7', chatId: '194250225', messageId: '7', text: 'old' });
  });

  it('reads the reference attachment example: largest photo size, the doc with its title and size', () => {
    expect(
      attachmentsOf([
        {
          type: 'photo',
          photo: {
            id: 457239101,
            sizes: [
              { type: 's', width: 75, height: 56, url: 'https://sun9-1.userapi.example/s.jpg' },
              { type: 'x', width: 604, height: 453, url: 'https://sun9-1.userapi.example/x.jpg' },
            ],
          },
        },
        { type: 'doc', doc: { id: 667001122, title: 'contract.pdf', size: 203118, ext: 'pdf', url: 'https://vk.example/doc501234567_667001122?hash=abc', type: 1 } },
      ]),
    ).toEqual([
      { kind: 'photo', fileRef: 'https://sun9-1.userapi.example/x.jpg', fileName: null, mimeType: null, size: null, placeholder: null },
      { kind: 'document', fileRef: 'https://vk.example/doc501234567_667001122?hash=abc', fileName: 'contract.pdf', mimeType: null, size: 203118, placeholder: null },
    ]);
  });

  it('picks the photo size by area, orig_photo included, and the last one when none has dimensions', () => {
    const [byArea, orig, noDims] = attachmentsOf([
      { type: 'photo', photo: { sizes: [{ url: 'big', width: 800, height: 600 }, { url: 'wide', width: 1000, height: 10 }] } },
      { type: 'photo', photo: { sizes: [{ url: 'x', width: 604, height: 453 }], orig_photo: { url: 'orig', width: 1280, height: 960 } } },
      { type: 'photo', photo: { sizes: [{ url: 'o', width: 0, height: 0 }, { url: 'r', width: 0, height: 0 }] } },
    ]);
    expect([byArea?.fileRef, orig?.fileRef, noDims?.fileRef]).toEqual(['big', 'orig', 'r']);
  });

  it('prefers the ogg link of a voice message', () => {
    expect(attachmentsOf([{ type: 'audio_message', audio_message: { link_ogg: 'https://x/a.ogg', link_mp3: 'https://x/a.mp3', duration: 3 } }])).toEqual([
      { kind: 'voice', fileRef: 'https://x/a.ogg', fileName: null, mimeType: 'audio/ogg', size: null, placeholder: null },
    ]);
  });

  it('shows what cannot be fetched as a placeholder', () => {
    expect(
      attachmentsOf([
        { type: 'video', video: { id: 1, owner_id: 2, title: 'clip' } },
        { type: 'link', link: { url: 'https://example.com/a', title: 'A' } },
        { type: 'wall', wall: { id: 1 } },
        { type: 'poll', poll: { id: 1 } },
        { type: 'something_new', something_new: {} },
        { type: 'doc', doc: { title: 'private.pdf' } },
      ]).map((a) => [a.kind, a.fileRef, a.placeholder]),
    ).toEqual([
      ['other', null, 'Video'],
      ['other', null, 'https://example.com/a'],
      ['other', null, 'Wall post'],
      ['other', null, 'Poll'],
      ['other', null, 'VK attachment: something_new'],
      ['document', null, 'private.pdf'],
    ]);
  });
});

describe('vkProtocol other message events', () => {
  it('reads message_edit (its object is the message itself)', () => {
    const raw = body({
      type: 'message_edit',
      event_id: 'ed1',
      object: { id: 311, date: 1717171717, update_time: 1717171800, from_id: 501234567, peer_id: 501234567, text: 'fixed' },
    });
    expect(onlyEvent(vkProtocol.parse(raw))).toEqual({
      kind: 'edit',
      eventId: 'ed1',
      chatId: '501234567',
      occurredAt: new Date(1717171800 * 1000),
      user: user('501234567'),
      messageId: '311',
      text: 'fixed',
    });
  });

  it('keys edits without event_id by message and edit time, so two edits stay apart', () => {
    const edit = (update_time: number) => body({ type: 'message_edit', object: { id: 311, date: 1, update_time, from_id: 5, text: 'x' } });
    expect(onlyEvent(vkProtocol.parse(edit(100))).eventId).toBe('message_edit:311:100000');
    expect(onlyEvent(vkProtocol.parse(edit(200))).eventId).toBe('message_edit:311:200000');
  });

  it('reads message_allow and message_deny', () => {
    expect(onlyEvent(vkProtocol.parse(body({ type: 'message_allow', event_id: 'a1', object: { user_id: 501234567, key: '' } })))).toMatchObject({
      kind: 'subscribed',
      eventId: 'a1',
      chatId: '501234567',
      user: user('501234567'),
    });
    expect(onlyEvent(vkProtocol.parse(body({ type: 'message_deny', event_id: 'd1', object: { user_id: 501234567 } })))).toMatchObject({
      kind: 'unsubscribed',
      eventId: 'd1',
      chatId: '501234567',
      user: user('501234567'),
    });
  });

  it('keys state changes without event_id by the time of receipt', () => {
    jest.useFakeTimers({ now: new Date('2024-06-01T00:00:00Z') });
    try {
      expect(onlyEvent(vkProtocol.parse(body({ type: 'message_deny', object: { user_id: 5 } })))).toMatchObject({
        eventId: `message_deny:5:${Date.parse('2024-06-01T00:00:00Z')}`,
        occurredAt: new Date('2024-06-01T00:00:00Z'),
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads message_typing_state only while typing', () => {
    expect(onlyEvent(vkProtocol.parse(body({ type: 'message_typing_state', event_id: 't1', object: { state: 'typing', from_id: 501234567, to_id: -229011223 } })))).toMatchObject({
      kind: 'typing',
      eventId: 't1',
      chatId: '501234567',
      user: user('501234567'),
    });
    expect(vkProtocol.parse(body({ type: 'message_typing_state', object: { state: 'audiomessage', from_id: 1, to_id: -2 } }))).toEqual({
      ignored: 'VK typing state audiomessage',
    });
  });

  it('reads message_read as a read receipt of the named message', () => {
    const raw = body({ type: 'message_read', event_id: 'r1', object: { from_id: 501234567, peer_id: 501234567, read_message_id: 320, conversation_message_id: 90 } });
    expect(onlyEvent(vkProtocol.parse(raw))).toMatchObject({ kind: 'receipt', eventId: 'r1', chatId: '501234567', state: 'read', messageIds: ['320'], upTo: null });
    expect(onlyEvent(vkProtocol.parse(body({ type: 'message_read', object: { from_id: 5, read_message_id: 320 } }))).eventId).toBe('message_read:5:320');
  });

  it('ignores a message_read that names no message', () => {
    expect(vkProtocol.parse(body({ type: 'message_read', object: { from_id: 5 } }))).toEqual({ ignored: 'VK message_read without read_message_id' });
  });
});
