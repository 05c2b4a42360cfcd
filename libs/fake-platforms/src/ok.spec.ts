import { FakeOk } from './ok';
import { PNG_3X2, startReceiver, type Receiver } from './test-support/receiver';

const TOKEN = 'tkn18YdUJZe:CQABPOJKAKEKEKEKE';
const GROUP = '70000001952510';

describe('FakeOk', () => {
  let ok: FakeOk;
  let receiver: Receiver | undefined;
  const graph = (path: string, query: Record<string, string> = {}) => `${ok.baseUrl}/graph/${path}?${new URLSearchParams({ access_token: TOKEN, ...query }).toString()}`;
  const post = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json;charset=utf-8' }, body: JSON.stringify(body) });

  beforeEach(async () => {
    ok = await new FakeOk({ token: TOKEN, groupId: GROUP }).start();
  });
  afterEach(async () => {
    await ok.stop();
    await receiver?.close();
    receiver = undefined;
  });

  it('subscribes, lists and unsubscribes webhooks', async () => {
    expect(await (await post(graph('me/subscribe'), { url: 'https://helpdesk.test/hooks/ok/abc' })).json()).toEqual({ success: true });
    expect(ok.webhookUrl).toBe('https://helpdesk.test/hooks/ok/abc');
    const list = (await (await fetch(graph('me/subscriptions'))).json()) as { subscriptions: { url: string; time: number }[] };
    expect(list.subscriptions).toEqual([{ url: 'https://helpdesk.test/hooks/ok/abc', time: expect.any(Number) as unknown }]);
    expect(ok.requests('subscribe')[0]?.params).toEqual({ access_token: TOKEN, url: 'https://helpdesk.test/hooks/ok/abc' });

    expect(await (await post(graph('me/unsubscribe'), { url: 'https://helpdesk.test/hooks/ok/abc' })).json()).toEqual({ success: true });
    expect(ok.webhookUrl).toBeNull();
    expect(await (await fetch(graph('me/subscriptions'))).json()).toEqual({ subscriptions: [] });
  });

  it('answers a wrong token with OK’s classic error in HTTP 200', async () => {
    const res = await fetch(`${ok.baseUrl}/graph/me/info?access_token=expired`);
    expect(res.status).toBe(200);
    expect(res.headers.get('invocation-error')).toBe('102');
    expect(await res.text()).toBe('{"error_code":102,"error_data":null,"error_msg":"PARAM_SESSION_EXPIRED : Session expired"}');
    expect(await (await fetch(graph('me/info'))).json()).toEqual({ name: 'Fake group', group_id: `group:${GROUP}` });
  });

  it('sends messages on both documented paths', async () => {
    const body = { recipient: { chat_id: 'chat:C4a8f1e2d3b00' }, message: { text: 'Здравствуйте!' } };
    const first = (await (await post(graph('me/messages/chat:C4a8f1e2d3b00'), body)).json()) as { success: boolean; message_id: string };
    expect(first.success).toBe(true);
    expect(first.message_id).toMatch(/^mid:C4a8f1e2d3b00\.[0-9a-f]+$/);
    const second = (await (await post(graph('chat:C4a8f1e2d3b00/messages'), body)).json()) as { message_id: string };
    expect(second.message_id).not.toBe(first.message_id);

    const recorded = ok.requests('messages');
    expect(recorded).toHaveLength(2);
    expect(recorded[0]?.params).toMatchObject(body);
    expect(recorded[1]?.path).toBe('/graph/chat:C4a8f1e2d3b00/messages');

    expect(await (await post(graph('me/messages/chat:x'), { recipient: { user_ids: ['user:1', '2'] }, message: { text: 'hi' } })).json()).toEqual({
      success: [true, true],
      chat_ids: ['chat:C1', 'chat:C2'],
    });
    expect(await (await post(graph('me/messages/chat:x'), { recipient: { chat_id: 'chat:x' }, message: {} })).json()).toMatchObject({ error_code: 100 });
  });

  it('runs the file upload: fileUploadUrl, multipart POST, token in the attachment', async () => {
    const file = (await (await fetch(graph('me/fileUploadUrl', { type: 'FILE' }))).json()) as { url: string; token: string };
    expect(file.url.startsWith(`${ok.baseUrl}/upload/`)).toBe(true);
    const form = new FormData();
    form.append('data', new Blob([Buffer.from('%PDF')], { type: 'application/pdf' }), 'invoice.pdf');
    expect((await fetch(file.url, { method: 'POST', body: form })).status).toBe(200);

    const image = (await (await fetch(graph('me/fileUploadUrl', { type: 'IMAGE' }))).json()) as { url: string; token?: string };
    expect(image.token).toBeUndefined();
    const imageForm = new FormData();
    imageForm.append('data', new Blob([PNG_3X2], { type: 'image/png' }), 'photo.png');
    const uploaded = (await (await fetch(image.url, { method: 'POST', body: imageForm })).json()) as { photos: Record<string, { token: string }> };
    const [imageToken] = Object.values(uploaded.photos).map((p) => p.token);

    expect(ok.uploads()).toEqual([
      { type: 'FILE', token: file.token, fileName: 'invoice.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF') },
      { type: 'IMAGE', token: imageToken, fileName: 'photo.png', contentType: 'image/png', bytes: PNG_3X2 },
    ]);
    const send = await post(graph('me/messages/chat:C1'), { recipient: { chat_id: 'chat:C1' }, message: { attachment: { type: 'FILE', payload: { token: file.token } } } });
    expect(await send.json()).toMatchObject({ success: true });
    expect(await (await fetch(graph('me/fileUploadUrl', { type: 'PDF' }))).json()).toMatchObject({ error_code: 100 });
  });

  it('fails on demand', async () => {
    ok.failNext('messages', 'invalidToken');
    ok.failNext('messages', 'blocked');
    ok.failNext('messages', 'rateLimit');
    const send = () => post(graph('me/messages/chat:C1'), { recipient: { chat_id: 'chat:C1' }, message: { text: 'x' } }).then((r) => r.json());
    expect(await send()).toEqual({ error_code: 102, error_data: null, error_msg: 'PARAM_SESSION_EXPIRED : Session expired' });
    expect(await send()).toMatchObject({ error_code: 455 });
    expect(await send()).toMatchObject({ error_code: 8 });
    expect(await send()).toMatchObject({ success: true });
  });

  it('pushes webhooks unsigned, bytes untouched', async () => {
    receiver = await startReceiver();
    await post(graph('me/subscribe'), { url: `${receiver.url}/hooks/ok/secret-path` });
    const raw =
      '{"webhookType":"MESSAGE_CREATED","sender":{"user_id":"user:571234567890","name":"Анна"},"recipient":{"chat_id":"chat:C4a8f1e2d3b00"},"message":{"text":"Добрый день","seq":104812345678901234,"mid":"mid:C4a8f1e2d3b00.18f0a1b2c3d4e5f"},"timestamp":1717171717123}';
    expect(await ok.push(raw)).toEqual({ status: 200, body: '' });
    const [delivered] = receiver.received;
    expect(delivered?.path).toBe('/hooks/ok/secret-path');
    expect(delivered?.body.toString()).toBe(raw);
    expect(Object.keys(delivered?.headers ?? {}).filter((h) => /signature|secret/i.test(h))).toEqual([]);
  });
});
