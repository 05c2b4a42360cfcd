import { FakeTelegram, DEMO_CUSTOMER } from './telegram';
import { PNG_3X2, startReceiver, type Receiver } from './test-support/receiver';

const TOKEN = '123456:ABC-DEF_ghi';

describe('FakeTelegram', () => {
  let telegram: FakeTelegram;
  let receiver: Receiver | undefined;
  const api = (method: string) => `${telegram.baseUrl}/bot${TOKEN}/${method}`;
  const postJson = (method: string, body: unknown) =>
    fetch(api(method), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeEach(async () => {
    telegram = await new FakeTelegram({ token: TOKEN }).start();
  });
  afterEach(async () => {
    await telegram.stop();
    await receiver?.close();
    receiver = undefined;
  });

  it('answers getMe and rejects a wrong token with the Bot API envelope', async () => {
    const me = await fetch(api('getMe'));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ ok: true, result: { id: 123456, is_bot: true, username: 'fake_helpdesk_bot' } });

    const wrong = await fetch(`${telegram.baseUrl}/bot123456:WRONG/getMe`);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe('{"ok":false,"error_code":401,"description":"Unauthorized"}');
    expect(telegram.requests('getMe')).toHaveLength(2);
  });

  it('sends messages given as JSON or as a form, numbering them from 1', async () => {
    const first = await postJson('sendMessage', { chat_id: 6120045512, text: 'Hello' });
    const body = (await first.json()) as { ok: boolean; result: Record<string, unknown> };
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({
      message_id: 1,
      from: { id: 123456, is_bot: true, first_name: 'Fake helpdesk bot', username: 'fake_helpdesk_bot' },
      chat: { id: 6120045512, type: 'private' },
      text: 'Hello',
    });
    expect(typeof body.result['date']).toBe('number');

    const form = await fetch(api('sendMessage'), { method: 'POST', body: new URLSearchParams({ chat_id: '6120045512', text: 'Again', parse_mode: 'HTML' }) });
    expect(await form.json()).toMatchObject({ result: { message_id: 2, text: 'Again' } });

    const [, recorded] = telegram.requests('sendMessage');
    expect(recorded?.params).toEqual({ chat_id: '6120045512', text: 'Again', parse_mode: 'HTML' });
    expect(recorded?.body.toString()).toBe('chat_id=6120045512&text=Again&parse_mode=HTML');
  });

  it('refuses a message without chat or text as Telegram does', async () => {
    const noText = await postJson('sendMessage', { chat_id: 1 });
    expect(noText.status).toBe(400);
    expect(await noText.text()).toBe('{"ok":false,"error_code":400,"description":"Bad Request: message text is empty"}');
    expect(await (await postJson('sendMessage', { text: 'x' })).json()).toEqual({ ok: false, error_code: 400, description: 'Bad Request: chat_id is empty' });
    expect(await (await postJson('sendMessage', { chat_id: '@nobody', text: 'x' })).json()).toMatchObject({ description: 'Bad Request: chat not found' });
  });

  it('answers sendChatAction with true, and refuses an action Telegram does not know', async () => {
    expect(await (await postJson('sendChatAction', { chat_id: 6120045512, action: 'typing' })).json()).toEqual({ ok: true, result: true });
    expect(await (await postJson('sendChatAction', { chat_id: 6120045512, action: 'dancing' })).json()).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: wrong parameter action in request',
    });
  });

  it('takes a multipart photo, then serves it through getFile and the file URL', async () => {
    const form = new FormData();
    form.append('chat_id', '77');
    form.append('caption', 'receipt');
    form.append('photo', new Blob([PNG_3X2], { type: 'image/png' }), 'receipt.png');
    const sent = (await (await fetch(api('sendPhoto'), { method: 'POST', body: form })).json()) as {
      result: { caption: string; photo: { file_id: string; width: number; height: number; file_size: number }[] };
    };
    expect(sent.result.caption).toBe('receipt');
    const photo = sent.result.photo[0];
    expect(photo).toMatchObject({ width: 3, height: 2, file_size: PNG_3X2.length });

    const recorded = telegram.requests('sendPhoto')[0];
    expect(recorded?.params).toEqual({ chat_id: '77', caption: 'receipt' });
    expect(recorded?.files).toEqual([{ field: 'photo', fileName: 'receipt.png', contentType: 'image/png', bytes: PNG_3X2 }]);

    const file = (await (await postJson('getFile', { file_id: photo?.file_id })).json()) as { result: { file_path: string; file_size: number } };
    expect(file.result.file_path).toMatch(/^photos\/file_\d+\.png$/);
    const download = await fetch(`${telegram.baseUrl}/file/bot${TOKEN}/${file.result.file_path}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG_3X2);
  });

  it('downloads a document given by URL, as Telegram does, and keeps the bytes', async () => {
    receiver = await startReceiver(() => ({ body: Buffer.from('%PDF-1.4 fake'), contentType: 'application/pdf' }));
    const res = await postJson('sendDocument', { chat_id: 77, document: `${receiver.url}/files/invoice.pdf` });
    expect(await res.json()).toMatchObject({ ok: true, result: { document: { file_name: 'invoice.pdf', mime_type: 'application/pdf', file_size: 13 } } });
    expect(telegram.requests('sendDocument')[0]?.files[0]?.bytes.toString()).toBe('%PDF-1.4 fake');

    const missing = await postJson('sendDocument', { chat_id: 77 });
    expect(await missing.json()).toEqual({ ok: false, error_code: 400, description: 'Bad Request: there is no document in the request' });
  });

  it('serves files added by the test', async () => {
    const info = telegram.addFile('BQACAgIAAxkBAAIBfakeDoc', Buffer.from('hello'), { fileName: 'invoice.pdf', mimeType: 'application/pdf' });
    const answer = await fetch(`${api('getFile')}?file_id=BQACAgIAAxkBAAIBfakeDoc`);
    expect(await answer.json()).toEqual({ ok: true, result: info });
    expect(info).toMatchObject({ file_id: 'BQACAgIAAxkBAAIBfakeDoc', file_size: 5, file_path: expect.stringMatching(/^documents\/file_\d+\.pdf$/) as unknown });
    expect(await (await fetch(`${telegram.baseUrl}/file/bot${TOKEN}/${info.file_path}`)).text()).toBe('hello');
    expect(await (await postJson('getFile', { file_id: 'nope' })).json()).toMatchObject({ ok: false, error_code: 400 });
  });

  it('fails on demand with Telegram’s own bodies, then recovers', async () => {
    telegram.failNext('sendMessage', 'rateLimit', { retryAfter: 30 });
    telegram.failNext('sendMessage', 'blocked');
    telegram.failNext('sendMessage', 'invalidToken');
    telegram.failNext('sendMessage', 'serverError');
    telegram.failNext('sendMessage', 'garbage');
    const send = () => postJson('sendMessage', { chat_id: 1, text: 'x' });

    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(await limited.text()).toBe('{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 30","parameters":{"retry_after":30}}');
    const blocked = await send();
    expect(blocked.status).toBe(403);
    expect(await blocked.text()).toBe('{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}');
    expect((await send()).status).toBe(401);
    const gateway = await send();
    expect([gateway.status, gateway.headers.get('content-type')]).toEqual([502, 'text/html']);
    expect(await gateway.text()).toContain('502 Bad Gateway');
    const garbage = await send();
    expect(garbage.status).toBe(200);
    await expect(garbage.json()).rejects.toThrow();
    expect(await (await send()).json()).toMatchObject({ ok: true, result: { message_id: 1 } });
    expect(telegram.requests('sendMessage')).toHaveLength(6);
  });

  it('counts faults and holds a timed-out request until the client gives up', async () => {
    telegram.failNext('getMe', 'rateLimit', { count: 2 });
    expect((await fetch(api('getMe'))).status).toBe(429);
    expect((await fetch(api('getMe'))).status).toBe(429);
    expect((await fetch(api('getMe'))).status).toBe(200);

    telegram.failNext('sendMessage', 'timeout');
    const held = await fetch(api('sendMessage'), { method: 'POST', body: new URLSearchParams({ chat_id: '1', text: 'x' }), signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(held).toBe('TimeoutError');
    expect(telegram.requests('sendMessage')).toHaveLength(1);
    expect((await postJson('sendMessage', { chat_id: 1, text: 'x' })).status).toBe(200);
  });

  it('stops even while it holds a request', async () => {
    telegram.failNext('getMe', 'timeout');
    const pending = fetch(api('getMe')).then(
      () => 'answered',
      () => 'connection closed',
    );
    await telegram.waitFor('getMe', 1);
    await telegram.stop();
    expect(await pending).toBe('connection closed');
  });

  it('registers a webhook and pushes updates with the secret header, bytes untouched', async () => {
    receiver = await startReceiver();
    const set = await postJson('setWebhook', { url: `${receiver.url}/hook`, secret_token: 's3cr3t_Token-1', allowed_updates: ['message'], drop_pending_updates: true });
    expect(await set.json()).toEqual({ ok: true, result: true, description: 'Webhook was set' });
    expect(telegram.webhookUrl).toBe(`${receiver.url}/hook`);
    expect(telegram.webhook).toEqual({ url: `${receiver.url}/hook`, secret_token: 's3cr3t_Token-1', allowed_updates: ['message'], drop_pending_updates: true, max_connections: 40 });
    expect(await (await fetch(api('getWebhookInfo'))).json()).toMatchObject({ ok: true, result: { url: `${receiver.url}/hook`, pending_update_count: 0, allowed_updates: ['message'] } });

    const raw = '{"update_id": 734001122,\n "message": {"message_id": 5012, "date": 1717171717, "text": "Hi"}}';
    expect(await telegram.push(raw)).toEqual({ status: 200, body: '' });
    const [delivered] = receiver.received;
    expect(delivered?.path).toBe('/hook');
    expect(delivered?.headers['x-telegram-bot-api-secret-token']).toBe('s3cr3t_Token-1');
    expect(delivered?.headers['content-type']).toBe('application/json');
    expect(delivered?.body.toString()).toBe(raw);

    await telegram.push({ update_id: 1 }, { secret: 'forged' });
    await telegram.push({ update_id: 2 }, { secret: null });
    expect(receiver.received[1]?.headers['x-telegram-bot-api-secret-token']).toBe('forged');
    expect(receiver.received[2]?.headers['x-telegram-bot-api-secret-token']).toBeUndefined();

    await telegram.sendUpdate(telegram.textUpdate('first'));
    await telegram.sendUpdate({ update_id: 99, message: { text: 'kept' } });
    await telegram.sendUpdate(telegram.textUpdate('second'));
    const ids = receiver.received.slice(3).map((r) => (JSON.parse(r.body.toString()) as { update_id: number }).update_id);
    expect(ids).toEqual([1, 99, 100]);
    expect(JSON.parse(receiver.received[3]?.body.toString() ?? '')).toMatchObject({
      message: { from: DEMO_CUSTOMER, chat: { id: DEMO_CUSTOMER.id, type: 'private', username: 'demo_customer' }, text: 'first' },
    });

    expect(await (await postJson('setWebhook', { url: '' })).json()).toEqual({ ok: true, result: true, description: 'Webhook was deleted' });
    expect(telegram.webhookUrl).toBeNull();
    await expect(telegram.push({})).rejects.toThrow(/no webhook/);
  });

  it('rejects a secret token Telegram would not accept', async () => {
    const res = await postJson('setWebhook', { url: 'https://example.test/hook', secret_token: 'has space' });
    expect(await res.json()).toEqual({ ok: false, error_code: 400, description: 'Bad Request: secret token contains unallowed characters' });
    expect(telegram.webhookUrl).toBeNull();
  });

  it('waits for requests and says what it saw when they do not come', async () => {
    const waiting = telegram.waitFor('sendMessage', 2, 2000);
    await postJson('sendMessage', { chat_id: 1, text: 'a' });
    await postJson('sendMessage', { chat_id: 1, text: 'b' });
    expect((await waiting).map((r) => r.params['text'])).toEqual(['a', 'b']);
    await fetch(api('getMe'));
    await expect(telegram.waitFor('sendPhoto', 1, 50)).rejects.toThrow('0 of 1 sendPhoto after 50 ms (recorded: sendMessage, sendMessage, getMe)');
    telegram.reset();
    expect(telegram.requests()).toEqual([]);
  });

  it('runs the demo chat: the page, a customer message to the webhook, and the bot’s reply', async () => {
    const page = await fetch(`${telegram.baseUrl}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('Demo customer');
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=["']?https?:/i);

    const early = await fetch(`${telegram.baseUrl}/_demo/send`, { method: 'POST', body: JSON.stringify({ text: 'hello' }) });
    expect(early.status).toBe(409);

    receiver = await startReceiver(async (request) => {
      const update = JSON.parse(request.body.toString()) as { message: { chat: { id: number }; text: string } };
      await postJson('sendMessage', { chat_id: update.message.chat.id, text: `You said: ${update.message.text}` });
      return {};
    });
    await postJson('setWebhook', { url: receiver.url });
    const sent = await fetch(`${telegram.baseUrl}/_demo/send`, { method: 'POST', body: JSON.stringify({ text: 'hello' }) });
    expect(await sent.json()).toEqual({ delivery: 'delivered' });
    await postJson('sendMessage', { chat_id: 555, text: 'someone else' });

    const state = (await (await fetch(`${telegram.baseUrl}/_demo/messages`)).json()) as { webhookUrl: string; messages: { from: string; text: string }[] };
    expect(state.webhookUrl).toBe(receiver.url);
    expect(state.messages.map((m) => [m.from, m.text])).toEqual([
      ['customer', 'hello'],
      ['bot', 'You said: hello'],
    ]);
    // The demo's own routes are not part of the recorded API traffic.
    expect(telegram.requests().map((r) => r.method)).toEqual(['setWebhook', 'sendMessage', 'sendMessage']);
  });
});

