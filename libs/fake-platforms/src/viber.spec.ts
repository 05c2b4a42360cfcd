import { FakeViber, viberSignature } from './viber';
import { PNG_3X2, startReceiver, type Receiver } from './test-support/receiver';

const TOKEN = '4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f';
const TWO_TO_53 = 2n ** 53n;

describe('FakeViber', () => {
  let viber: FakeViber;
  let receiver: Receiver | undefined;
  const api = (method: string, body: unknown, token = TOKEN) =>
    fetch(`${viber.baseUrl}/pa/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-viber-auth-token': token }, body: JSON.stringify(body) });
  const text = { receiver: '01234567890A=', min_api_version: 1, sender: { name: 'Support', avatar: 'https://example.test/a.png' }, tracking_data: 't-42', type: 'text', text: 'Hello' };

  beforeEach(async () => {
    viber = await new FakeViber({ token: TOKEN }).start();
  });
  afterEach(async () => {
    await viber.stop();
    await receiver?.close();
    receiver = undefined;
  });

  const registerWebhook = async () => {
    receiver ??= await startReceiver((request) => ({ status: request.path === '/down' ? 500 : 200 }));
    return api('set_webhook', { url: `${receiver.url}/viber`, event_types: ['delivered', 'seen', 'failed'], send_name: true, send_photo: true });
  };

  it('calls the webhook back with a signed `webhook` event before set_webhook succeeds', async () => {
    const res = await registerWebhook();
    expect(await res.text()).toBe('{"status":0,"status_message":"ok","chat_hostname":"SN-CHAT-02_","event_types":["delivered","seen","failed"]}');
    expect(viber.webhookUrl).toBe(`${receiver?.url}/viber`);

    const check = receiver?.received[0];
    const raw = check?.body.toString() ?? '';
    expect(raw).toMatch(/^\{"event":"webhook","timestamp":\d{13},"chat_hostname":"SN-CHAT-02_","message_token":\d+\}$/);
    expect(BigInt(/"message_token":(\d+)/.exec(raw)?.[1] ?? '0') > TWO_TO_53).toBe(true);
    expect(check?.headers['x-viber-content-signature']).toBe(viberSignature(check?.body ?? '', TOKEN));

    const down = await api('set_webhook', { url: `${receiver?.url}/down` });
    expect(await down.text()).toBe('{"status":1,"status_message":"invalidUrl"}');
    expect(await (await api('set_webhook', { url: 'http://127.0.0.1:1/unreachable' })).json()).toEqual({ status: 1, status_message: 'invalidUrl' });
    expect(viber.webhookUrl).toBe(`${receiver?.url}/viber`);

    expect(await (await api('set_webhook', { url: '' })).json()).toEqual({ status: 0, status_message: 'ok' });
    expect(viber.webhookUrl).toBeNull();
  });

  it('refuses to send before a webhook is set, as Viber does', async () => {
    expect(await (await api('send_message', text)).text()).toBe('{"status":10,"status_message":"webhookNotSet"}');
  });

  it('answers send_message with a message_token whose digits stay exact beyond 2^53', async () => {
    await registerWebhook();
    const raw = await (await api('send_message', text)).text();
    expect(raw).toMatch(/^\{"status":0,"status_message":"ok","message_token":\d+,"chat_hostname":"SN-CHAT-02_"\}$/);
    const digits = /"message_token":(\d+)/.exec(raw)?.[1] ?? '';
    expect(BigInt(digits) > TWO_TO_53).toBe(true);
    // A plain JSON.parse loses the last digits: exactly what the product must not do.
    expect(String((JSON.parse(raw) as { message_token: number }).message_token)).not.toBe(digits);

    const recorded = viber.requests('send_message')[0];
    expect(recorded?.params['_token']).toBe(digits);
    expect(recorded?.headers['x-viber-auth-token']).toBe(TOKEN);
    expect(JSON.parse(recorded?.body.toString() ?? '')).toEqual(text);

    const next = await (await api('send_message', text)).text();
    expect(BigInt(/"message_token":(\d+)/.exec(next)?.[1] ?? '0')).toBe(BigInt(digits) + 1n);
  });

  it('downloads picture and file media and keeps the bytes on the request', async () => {
    await registerWebhook();
    const media = await startReceiver((request) => (request.path === '/missing.png' ? { status: 404 } : { body: PNG_3X2, contentType: 'image/png' }));
    const picture = await api('send_message', { ...text, type: 'picture', text: 'caption', media: `${media.url}/photo.png` });
    expect(await picture.json()).toMatchObject({ status: 0 });
    expect(viber.requests('send_message')[0]?.files).toEqual([{ field: 'media', fileName: 'photo.png', contentType: 'image/png', bytes: PNG_3X2 }]);

    const file = await api('send_message', { ...text, type: 'file', media: `${media.url}/x`, size: PNG_3X2.length, file_name: 'scan.png' });
    expect(await file.json()).toMatchObject({ status: 0 });
    expect(viber.requests('send_message')[1]?.files[0]?.fileName).toBe('scan.png');

    expect(await (await api('send_message', { ...text, type: 'picture', media: `${media.url}/missing.png` })).text()).toBe('{"status":3,"status_message":"badData"}');
    expect(await (await api('send_message', { ...text, type: 'file', media: `${media.url}/x` })).json()).toMatchObject({ status: 3 });
    await media.close();
  });

  it('answers bad input and a wrong token with Viber’s status codes in HTTP 200', async () => {
    await registerWebhook();
    const wrong = await api('send_message', text, 'nope');
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toBe('{"status":2,"status_message":"invalidAuthToken"}');
    expect(await (await api('send_message', { ...text, sender: { name: 'x'.repeat(29) } })).json()).toEqual({ status: 3, status_message: 'badData' });
    expect(await (await api('send_message', { ...text, receiver: undefined })).json()).toMatchObject({ status: 3 });
    // courier's style: the token in the body.
    const inBody = await fetch(`${viber.baseUrl}/pa/send_message`, { method: 'POST', body: JSON.stringify({ auth_token: TOKEN, ...text }) });
    expect(await inBody.json()).toMatchObject({ status: 0 });
  });

  it('fails on demand with the bodies of outbound.md', async () => {
    await registerWebhook();
    viber.failNext('send_message', 'rateLimit');
    viber.failNext('send_message', 'blocked');
    viber.failNext('send_message', 'invalidToken');
    const send = async () => {
      const res = await api('send_message', text);
      expect(res.status).toBe(200);
      return res.text();
    };
    expect(await send()).toBe('{"status":12,"status_message":"tooManyRequests"}');
    expect(await send()).toBe('{"status":6,"status_message":"receiverNotSubscribed"}');
    expect(await send()).toBe('{"status":2,"status_message":"invalidAuthToken"}');
    expect(await send()).toMatch(/"status":0/);
  });

  it('describes the account and users', async () => {
    viber.addUser({ id: '01234567890A=', name: 'John McClane', language: 'en', country: 'UK' });
    expect(await (await api('get_account_info', {})).json()).toMatchObject({ status: 0, id: 'pa:5746594275468546724', name: 'Fake helpdesk', uri: 'fakehelpdesk', webhook: '' });
    const details = await (await api('get_user_details', { id: '01234567890A=' })).text();
    expect(details).toMatch(/^\{"status":0,"status_message":"ok","message_token":\d+,"user":\{"id":"01234567890A=","name":"John McClane",/);
  });

  it('signs pushes over the exact bytes with the signatures.md vectors', async () => {
    // Bogdaan/viber-bot-php SignatureTest: token `2`, body `1`; bottender ViberConnector.spec: ACCESS_TOKEN / rawBody.
    expect(viberSignature('1', '2')).toBe('4703d481ddedca88184497744b52937586bef3b273645082c04529f73b85456e');
    expect(viberSignature(Buffer.from('rawBody'), 'ACCESS_TOKEN')).toBe('250a5136d2f241195d4cb981a7293958434ec3ba9e50ed20788e9b030a1dd878');

    const vector = await new FakeViber({ token: '2' }).start();
    const hook = await startReceiver();
    try {
      expect(await vector.push('1', { url: hook.url })).toEqual({ status: 200, body: '' });
      expect(hook.received[0]?.headers['x-viber-content-signature']).toBe('4703d481ddedca88184497744b52937586bef3b273645082c04529f73b85456e');

      const exact = '{"event":"message","timestamp":1457764197627,"message_token":4912661846655238145,"sender":{"id":"01234567890A="}}';
      await vector.push(exact, { url: hook.url });
      expect(hook.received[1]?.body.toString()).toBe(exact);
      expect(hook.received[1]?.headers['x-viber-content-signature']).toBe(viberSignature(exact, '2'));

      await vector.push({ event: 'seen' }, { url: hook.url, signature: 'forged' });
      await vector.push({ event: 'seen' }, { url: hook.url, signature: null });
      expect(hook.received[2]?.headers['x-viber-content-signature']).toBe('forged');
      expect(hook.received[3]?.headers['x-viber-content-signature']).toBeUndefined();
    } finally {
      await vector.stop();
      await hook.close();
    }
  });
});
