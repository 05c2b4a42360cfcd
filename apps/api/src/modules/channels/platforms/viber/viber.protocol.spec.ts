import { CHANNEL_FIXTURES } from '../../../../../test/channel-fixtures';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MalformedWebhookError, OK_REPLY, type InboundEvent, type ParseResult, type RawWebhook } from '../platform-protocol';
import { viberProtocol, type ViberSecrets, type ViberSettings } from './viber.protocol';

const FIXTURES = resolve(CHANNEL_FIXTURES, 'viber');
const fixture = (name: string): Buffer => readFileSync(resolve(FIXTURES, name));

const settings: ViberSettings = { senderName: 'Support', senderAvatar: null };
const secrets: ViberSecrets = { authToken: 'acceptance_test_secret' };
const webhook = (body: Buffer | string, headers: Record<string, string> = {}, query: Record<string, string> = {}): RawWebhook => ({
  headers,
  query,
  body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
});
const hmac = (token: string, body: Buffer | string) => createHmac('sha256', token).update(body).digest('hex');
const parse = (body: Buffer | string): ParseResult => viberProtocol.parse(webhook(body));
const only = (body: Buffer | string): InboundEvent => {
  const result = parse(body);
  if (!('events' in result) || result.events.length !== 1) throw new Error(`expected one event, got ${JSON.stringify(result)}`);
  return result.events[0]!;
};

// The docs' example person, in every docs-derived fixture.
const JOHN = {
  id: '01234567890A=',
  name: 'John McClane',
  username: null,
  avatarUrl: 'http://avatar.example.com',
  profileUrl: null,
  language: 'en',
};
// Beyond 2^53: JSON.parse would make it 4912661846655238000.
const DOCS_TOKEN = '4912661846655238145';
const DOCS_TIME = new Date(1457764197627);
const SENDER = '"sender":{"id":"hT3kVq9xYzAbCdEfGh1234==","name":"Ivan"}';
const messageBody = (message: string, token = '5923005512345678901') =>
  `{"event":"message","timestamp":1717171717001,"message_token":${token},${SENDER},"message":${message}}`;

describe('Viber fixtures', () => {

  const expected: Record<string, ParseResult> = {
    'text.json': {
      events: [
        {
          kind: 'message',
          eventId: DOCS_TOKEN,
          chatId: JOHN.id,
          occurredAt: DOCS_TIME,
          user: JOHN,
          messageId: DOCS_TOKEN,
          text: 'a message to the service',
          attachments: [],
        },
      ],
    },
    'picture.json': {
      events: [
        {
          kind: 'message',
          eventId: DOCS_TOKEN,
          chatId: JOHN.id,
          occurredAt: DOCS_TIME,
          user: JOHN,
          messageId: DOCS_TOKEN,
          text: 'a message to the service',
          attachments: [{ kind: 'photo', fileRef: 'http://example.com/img.jpg', fileName: null, mimeType: null, size: null, placeholder: null }],
        },
      ],
    },
    'video.json': {
      events: [
        {
          kind: 'message',
          eventId: DOCS_TOKEN,
          chatId: JOHN.id,
          occurredAt: DOCS_TIME,
          user: JOHN,
          messageId: DOCS_TOKEN,
          text: '',
          attachments: [{ kind: 'video', fileRef: 'http://example.com/video.mp4', fileName: null, mimeType: null, size: null, placeholder: null }],
        },
      ],
    },
    'file.json': {
      events: [
        {
          kind: 'message',
          eventId: DOCS_TOKEN,
          chatId: JOHN.id,
          occurredAt: DOCS_TIME,
          user: JOHN,
          messageId: DOCS_TOKEN,
          text: '',
          attachments: [{ kind: 'document', fileRef: 'http://example.com/doc.pdf', fileName: 'doc.pdf', mimeType: null, size: 3220, placeholder: null }],
        },
      ],
    },
    'sticker.json': {
      events: [
        {
          kind: 'message',
          eventId: DOCS_TOKEN,
          chatId: JOHN.id,
          occurredAt: DOCS_TIME,
          user: JOHN,
          messageId: DOCS_TOKEN,
          text: '',
          attachments: [{ kind: 'sticker', fileRef: null, fileName: null, mimeType: null, size: null, placeholder: 'Sticker' }],
        },
      ],
    },
    'subscribed.json': {
      events: [{ kind: 'subscribed', eventId: `subscribed:${DOCS_TOKEN}`, chatId: JOHN.id, occurredAt: DOCS_TIME, user: JOHN }],
    },
    'delivered_real.json': {
      events: [
        {
          kind: 'receipt',
          eventId: 'delivered:5466297578174182639',
          chatId: '01234567890B==',
          occurredAt: new Date(1595324677891),
          state: 'delivered',
          messageIds: ['5466297578174182639'],
          upTo: null,
        },
      ],
    },
    'conversation_started.json': { ignored: 'conversation_started: the person opened the chat, nothing written yet' },
    'failed.json': {
      events: [
        {
          kind: 'delivery-failed',
          eventId: `failed:${DOCS_TOKEN}`,
          chatId: '01234567890A=',
          occurredAt: DOCS_TIME,
          messageIds: [DOCS_TOKEN],
          reason: 'Viber could not deliver it: failure description',
        },
      ],
    },
    'webhook_check_real.json': { ignored: 'webhook: the set_webhook check, answered by the handshake' },
  };

  it('has an expectation for every inbound fixture', () => {
    expect(readdirSync(resolve(FIXTURES, 'inbound')).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('inbound/%s', (name, result) => {
    expect(parse(fixture(`inbound/${name}`))).toEqual(result);
  });

  it('answers only the set_webhook check as a handshake', () => {
    for (const name of Object.keys(expected)) {
      const reply = viberProtocol.handshake(webhook(fixture(`inbound/${name}`)), settings, secrets);
      expect(reply).toEqual(name === 'webhook_check_real.json' ? OK_REPLY : null);
    }
    expect(viberProtocol.handshake(webhook('not json'), settings, secrets)).toBeNull();
    expect(viberProtocol.accepted).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' });
  });

  it('refuses the camelCased signed/ body: a signature vector, not wire format', () => {
    expect(() => parse(fixture('signed/bottender_subscribed_camelcased_body.json'))).toThrow(MalformedWebhookError);
  });
});

describe('Viber message types without a fixture', () => {
  const attachment = (message: string) => {
    const event = only(messageBody(message));
    if (event.kind !== 'message') throw new Error(`expected a message, got ${event.kind}`);
    return { text: event.text, attachments: event.attachments };
  };

  it('contact, location and url', () => {
    expect(attachment('{"type":"contact","contact":{"name":"Anna","phone_number":"+79001234567"}}')).toEqual({
      text: '',
      attachments: [{ kind: 'contact', fileRef: null, fileName: null, mimeType: null, size: null, placeholder: 'Contact: Anna, +79001234567' }],
    });
    expect(attachment('{"type":"location","location":{"lat":55.7558,"lon":37.6173}}')).toEqual({
      text: '',
      attachments: [{ kind: 'location', fileRef: null, fileName: null, mimeType: null, size: null, placeholder: 'Location: 55.7558, 37.6173' }],
    });
    expect(attachment('{"type":"url","media":"https://example.com/page"}')).toEqual({ text: 'https://example.com/page', attachments: [] });
  });

  it('the documented `size`, a video size and a sticker image', () => {
    expect(attachment('{"type":"file","media":"https://dl-media.viber.example/f/abc123","file_name":"invoice.pdf","size":48211}').attachments).toEqual([
      { kind: 'document', fileRef: 'https://dl-media.viber.example/f/abc123', fileName: 'invoice.pdf', mimeType: null, size: 48211, placeholder: null },
    ]);
    expect(attachment('{"type":"video","media":"https://example.com/v.mp4","size":1000}').attachments[0]).toMatchObject({ kind: 'video', size: 1000 });
    expect(attachment('{"type":"sticker","sticker_id":"40133","media":"https://example.com/s.png"}').attachments[0]).toMatchObject({
      kind: 'sticker',
      fileRef: 'https://example.com/s.png',
      placeholder: 'Sticker',
    });
  });

  it('keeps a message of a type Viber adds later, as `other`', () => {
    expect(attachment('{"type":"rich_media","text":"hi","media":"https://example.com/x"}')).toEqual({
      text: 'hi',
      attachments: [{ kind: 'other', fileRef: 'https://example.com/x', fileName: null, mimeType: null, size: null, placeholder: 'Unsupported Viber message: rich_media' }],
    });
  });

  it('takes the person without avatar or language', () => {
    const event = only(messageBody('{"type":"text","text":"Здравствуйте"}'));
    expect(event).toMatchObject({
      kind: 'message',
      eventId: '5923005512345678901',
      chatId: 'hT3kVq9xYzAbCdEfGh1234==',
      occurredAt: new Date(1717171717001),
      text: 'Здравствуйте',
      user: { id: 'hT3kVq9xYzAbCdEfGh1234==', name: 'Ivan', username: null, avatarUrl: null, profileUrl: null, language: null },
    });
  });
});

describe('Viber events without a fixture', () => {
  it('unsubscribed names only the id', () => {
    expect(only('{"event":"unsubscribed","timestamp":1457764197627,"user_id":"01234567890A=","message_token":4912661846655238145}')).toEqual({
      kind: 'unsubscribed',
      eventId: `unsubscribed:${DOCS_TOKEN}`,
      chatId: '01234567890A=',
      occurredAt: DOCS_TIME,
      user: { id: '01234567890A=', name: null, username: null, avatarUrl: null, profileUrl: null, language: null },
    });
  });

  it('seen is a read receipt', () => {
    expect(only('{"event":"seen","timestamp":1457764197627,"message_token":4912661846655238145,"user_id":"01234567890A="}')).toEqual({
      kind: 'receipt',
      eventId: `seen:${DOCS_TOKEN}`,
      chatId: '01234567890A=',
      occurredAt: DOCS_TIME,
      state: 'read',
      messageIds: [DOCS_TOKEN],
      upTo: null,
    });
  });

  it('ignores client_status, action and events it does not know', () => {
    expect(parse('{"event":"client_status","timestamp":1}')).toEqual({ ignored: 'client_status: nothing for the conversation' });
    expect(parse('{"event":"action","timestamp":1}')).toEqual({ ignored: 'action: nothing for the conversation' });
    expect(parse('{"event":"something_new","timestamp":1}')).toEqual({ ignored: 'something_new: not a Viber event we handle' });
  });
});

describe('Viber event ids', () => {
  it('keeps every digit of a token, as a number or as a string', () => {
    for (const token of ['18446744073709551615', '"18446744073709551615"']) {
      expect(only(messageBody('{"type":"text","text":"x"}', token))).toMatchObject({ eventId: '18446744073709551615', messageId: '18446744073709551615' });
    }
    expect(only(messageBody('{"type":"text","text":"x"}', '42'))).toMatchObject({ eventId: '42' });
  });

  it('a repeated delivery has the same id', () => {
    for (const name of ['text.json', 'subscribed.json', 'delivered_real.json']) {
      expect(only(fixture(`inbound/${name}`)).eventId).toBe(only(fixture(`inbound/${name}`)).eventId);
    }
  });

  it('a message and its receipts never share a key', () => {
    const receipt = (event: string) => `{"event":"${event}","timestamp":1,"message_token":${DOCS_TOKEN},"user_id":"01234567890A="}`;
    const ids = [only(fixture('inbound/text.json')), only(receipt('delivered')), only(receipt('seen')), only(fixture('inbound/subscribed.json'))].map(
      (event) => event.eventId,
    );
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('Viber malformed bodies', () => {
  it.each([
    ['not JSON', 'not json'],
    ['a truncated body', '{"event":"message"'],
    ['a JSON array', '[]'],
    ['no event', '{"timestamp":1}'],
    ['a non-string event', '{"event":1}'],
    ['a message without sender', '{"event":"message","timestamp":1,"message_token":1,"message":{"type":"text","text":"x"}}'],
    ['a message without sender.id', '{"event":"message","timestamp":1,"message_token":1,"sender":{"name":"x"},"message":{"type":"text","text":"x"}}'],
    ['a message without message', `{"event":"message","timestamp":1,"message_token":1,${SENDER}}`],
    ['a text without text', messageBody('{"type":"text"}')],
    ['a picture without media', messageBody('{"type":"picture"}')],
    ['a token that is not digits', messageBody('{"type":"text","text":"x"}', '"abc"')],
    ['a fractional token', messageBody('{"type":"text","text":"x"}', '1.5')],
    ['a receipt without user_id', '{"event":"delivered","timestamp":1,"message_token":1}'],
    ['a subscription without user', '{"event":"subscribed","timestamp":1,"message_token":1}'],
  ])('%s', (_, body) => {
    expect(() => parse(body)).toThrow(MalformedWebhookError);
  });
});

describe('Viber signatures (X-Viber-Content-Signature)', () => {
  const signed = (token: string, body: Buffer | string, signature: string) =>
    viberProtocol.verify(webhook(body, { 'x-viber-content-signature': signature }), settings, { authToken: token });

  it.each([
    ['viber-bot-php', '2', '1', '4703d481ddedca88184497744b52937586bef3b273645082c04529f73b85456e'],
    ['bottender', 'ACCESS_TOKEN', 'rawBody', '250a5136d2f241195d4cb981a7293958434ec3ba9e50ed20788e9b030a1dd878'],
    [
      'bottender, signed/ file',
      'ACCESS_TOKEN',
      fixture('signed/bottender_subscribed_camelcased_body.json'),
      'a4b6913412505d2c6031e7ec75e75c51bdc2fe30dc367301528a28b2008300a4',
    ],
    ['computed here, inbound/text.json', 'acceptance_test_secret', fixture('inbound/text.json'), 'f37a9d61c842704ac613fd2a5a21c515886ca10622879eff3b358eae2a545368'],
  ])('%s', (_, token, body, signature) => {
    expect(signed(token, body, signature)).toBe(true);
    expect(signed(`${token}x`, body, signature)).toBe(false);
    const changed = Buffer.from(body);
    changed[0] = changed[0]! ^ 1;
    expect(signed(token, changed, signature)).toBe(false);
  });

  it('is over the raw bytes, not a re-serialisation', () => {
    const body = fixture('inbound/text.json');
    const compact = JSON.stringify(JSON.parse(body.toString('utf8')));
    expect(signed('acceptance_test_secret', compact, hmac('acceptance_test_secret', body))).toBe(false);
  });

  it('falls back to ?sig=', () => {
    const body = fixture('inbound/text.json');
    const sig = 'f37a9d61c842704ac613fd2a5a21c515886ca10622879eff3b358eae2a545368';
    expect(viberProtocol.verify(webhook(body, {}, { sig }), settings, secrets)).toBe(true);
    expect(viberProtocol.verify(webhook(body, {}, { sig: hmac('other', body) }), settings, secrets)).toBe(false);
  });

  it('refuses a missing, empty or uppercase signature and an empty token; signs any body, JSON or not', () => {
    const body = fixture('inbound/text.json');
    const sig = hmac('acceptance_test_secret', body);
    expect(viberProtocol.verify(webhook(body), settings, secrets)).toBe(false);
    expect(signed('acceptance_test_secret', body, '')).toBe(false);
    expect(signed('acceptance_test_secret', body, sig.toUpperCase())).toBe(false);
    expect(signed('', body, hmac('', body))).toBe(false);
    expect(signed('acceptance_test_secret', 'not json', hmac('acceptance_test_secret', 'not json'))).toBe(true);
  });
});
