import { FakeVk } from './vk';
import { PNG_3X2, startReceiver, type Receiver } from './test-support/receiver';

const TOKEN = 'vk1.a.community-token';
const GROUP = 229011223;

describe('FakeVk', () => {
  let vk: FakeVk;
  let receiver: Receiver | undefined;
  const method = (name: string) => `${vk.baseUrl}/method/${name}`;
  const call = async (name: string, params: Record<string, string>) => {
    const res = await fetch(method(name), { method: 'POST', body: new URLSearchParams({ access_token: TOKEN, v: '5.199', ...params }) });
    expect(res.status).toBe(200);
    return (await res.json()) as { response?: unknown; error?: { error_code: number; error_msg: string } };
  };

  beforeEach(async () => {
    vk = await new FakeVk({ token: TOKEN, groupId: GROUP, confirmation: 'a1b2c3', secret: 'cbk-s3cret' }).start();
  });
  afterEach(async () => {
    await vk.stop();
    await receiver?.close();
    receiver = undefined;
  });

  it('sends messages from a form and drops a resend with the same random_id, as VK does', async () => {
    expect(await call('messages.send', { peer_id: '501234567', random_id: '1001', message: 'Здравствуйте!' })).toEqual({ response: 1 });
    expect(await call('messages.send', { peer_id: '501234567', random_id: '1002', message: 'Second' })).toEqual({ response: 2 });
    expect(await call('messages.send', { peer_id: '501234567', random_id: '1001', message: 'Здравствуйте!' })).toEqual({ response: 1 });

    const recorded = vk.requests('messages.send');
    expect(recorded).toHaveLength(3);
    expect(recorded[0]?.params).toMatchObject({ peer_id: '501234567', random_id: '1001', message: 'Здравствуйте!', _messageId: 1 });
    expect(recorded[2]?.params).toMatchObject({ _duplicate: true, _messageId: 1 });
    expect(vk.sentMessages().map((m) => [m.id, m.message])).toEqual([
      [1, 'Здравствуйте!'],
      [2, 'Second'],
    ]);
  });

  it('takes parameters in the query too, and multipart forms', async () => {
    const query = new URLSearchParams({ access_token: TOKEN, v: '5.199', user_id: '7', random_id: '5', message: 'q' });
    expect(await (await fetch(`${method('messages.send')}?${query.toString()}`)).json()).toEqual({ response: 1 });
    const form = new FormData();
    for (const [k, v] of Object.entries({ access_token: TOKEN, v: '5.199', peer_id: '7', random_id: '6', message: 'm' })) form.append(k, v);
    expect(await (await fetch(method('messages.send'), { method: 'POST', body: form })).json()).toEqual({ response: 2 });
  });

  it('answers VK’s errors with HTTP 200 and the error object', async () => {
    const noRandom = await call('messages.send', { peer_id: '7', message: 'x' });
    expect(noRandom.error).toMatchObject({ error_code: 100, error_msg: 'One of the parameters specified was missing or invalid: random_id is a required parameter' });

    const wrongToken = await fetch(method('users.get'), { method: 'POST', body: new URLSearchParams({ access_token: 'nope', v: '5.199', user_ids: '1' }) });
    expect(await wrongToken.json()).toEqual({
      error: {
        error_code: 5,
        error_msg: 'User authorization failed: invalid access_token (4).',
        request_params: [
          { key: 'method', value: 'users.get' },
          { key: 'oauth', value: '1' },
          { key: 'v', value: '5.199' },
          { key: 'user_ids', value: '1' },
        ],
      },
    });
    const noVersion = await fetch(method('users.get'), { method: 'POST', body: new URLSearchParams({ access_token: TOKEN }) });
    expect(await noVersion.json()).toMatchObject({ error: { error_code: 8, error_msg: 'Invalid request: v is required' } });
  });

  it('fails on demand with the bodies of outbound.md', async () => {
    vk.failNext('messages.send', 'rateLimit');
    vk.failNext('messages.send', 'blocked');
    vk.failNext('messages.send', 'invalidToken');
    const bare = () => fetch(method('messages.send'), { method: 'POST', body: new URLSearchParams({ access_token: TOKEN, v: '5.199' }) }).then((r) => r.text());
    expect(await bare()).toBe(
      '{"error":{"error_code":6,"error_msg":"Too many requests per second","request_params":[{"key":"method","value":"messages.send"},{"key":"oauth","value":"1"},{"key":"v","value":"5.199"}]}}',
    );
    expect(await bare()).toBe(
      '{"error":{"error_code":901,"error_msg":"Can\'t send messages for users without permission","request_params":[{"key":"method","value":"messages.send"},{"key":"oauth","value":"1"},{"key":"v","value":"5.199"}]}}',
    );
    expect(JSON.parse(await bare())).toMatchObject({ error: { error_code: 5 } });
    vk.failNext('messages.send', 'serverError');
    expect((await fetch(method('messages.send'), { method: 'POST' })).status).toBe(502);
  });

  it('describes users, only with the fields asked for, and the community', async () => {
    vk.addUser({ id: 501234567, first_name: 'Ольга', last_name: 'К.', screen_name: 'olga_k', photo_100: 'https://example.test/olga.jpg' });
    const users = await fetch(`${method('users.get')}?${new URLSearchParams({ access_token: TOKEN, v: '5.199', user_ids: '501234567,42', fields: 'photo_100,screen_name' }).toString()}`);
    expect(await users.json()).toEqual({
      response: [
        { id: 501234567, first_name: 'Ольга', last_name: 'К.', can_access_closed: true, is_closed: false, screen_name: 'olga_k', photo_100: 'https://example.test/olga.jpg' },
        { id: 42, first_name: 'Test', last_name: 'User42', can_access_closed: true, is_closed: false, screen_name: 'id42', photo_100: `${vk.baseUrl}/images/camera_100.png` },
      ],
    });
    expect((await fetch(`${vk.baseUrl}/images/camera_100.png`)).headers.get('content-type')).toBe('image/png');
    expect(await call('users.get', { user_ids: '42' })).toEqual({ response: [{ id: 42, first_name: 'Test', last_name: 'User42', can_access_closed: true, is_closed: false }] });

    expect(await call('groups.getById', {})).toMatchObject({ response: { groups: [{ id: GROUP, name: 'Fake community', screen_name: `club${GROUP}` }], profiles: [] } });
    expect(await call('groups.getCallbackConfirmationCode', { group_id: String(GROUP) })).toEqual({ response: { code: 'a1b2c3' } });
  });

  it('runs the photo upload: upload server, multipart `photo`, saveMessagesPhoto, attachment', async () => {
    const server = (await call('photos.getMessagesUploadServer', { peer_id: '501234567' })).response as { upload_url: string; group_id: number };
    expect(server.upload_url.startsWith(`${vk.baseUrl}/upload/photo?`)).toBe(true);
    expect(server.group_id).toBe(GROUP);

    const form = new FormData();
    form.append('photo', new Blob([PNG_3X2], { type: 'image/png' }), 'receipt.png');
    const uploaded = (await (await fetch(server.upload_url, { method: 'POST', body: form })).json()) as { server: number; photo: string; hash: string };
    expect(uploaded.server).toBe(1);
    expect(() => JSON.parse(uploaded.photo) as unknown).not.toThrow();

    const saved = (await call('photos.saveMessagesPhoto', { server: String(uploaded.server), photo: uploaded.photo, hash: uploaded.hash })).response as {
      id: number;
      owner_id: number;
      access_key: string;
      sizes: { url: string; width: number; height: number }[];
    }[];
    const photo = saved[0];
    expect(photo).toMatchObject({ owner_id: -GROUP, sizes: [{ width: 3, height: 2 }] });
    const attachment = `photo${photo?.owner_id}_${photo?.id}_${photo?.access_key}`;
    expect(vk.uploads()).toEqual([{ kind: 'photo', fileName: 'receipt.png', contentType: 'image/png', bytes: PNG_3X2, attachment }]);
    expect(Buffer.from(await (await fetch(photo?.sizes[0]?.url ?? '')).arrayBuffer())).toEqual(PNG_3X2);

    expect(await call('messages.send', { peer_id: '501234567', random_id: '9', attachment })).toEqual({ response: 1 });
    expect(vk.sentMessages()[0]?.attachment).toBe(attachment);
  });

  it('runs the document upload: upload server, multipart `file`, docs.save', async () => {
    const server = (await call('docs.getMessagesUploadServer', { type: 'doc', peer_id: '501234567' })).response as { upload_url: string };
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4')], { type: 'application/pdf' }), 'contract.pdf');
    const uploaded = (await (await fetch(server.upload_url, { method: 'POST', body: form })).json()) as { file: string };

    const saved = (await call('docs.save', { file: uploaded.file, title: 'contract.pdf' })).response as { type: string; doc: Record<string, unknown> };
    expect(saved.type).toBe('doc');
    expect(saved.doc).toMatchObject({ owner_id: -GROUP, title: 'contract.pdf', size: 8, ext: 'pdf', type: 1 });
    expect(vk.uploads()[0]).toMatchObject({ kind: 'doc', attachment: `doc${-GROUP}_${String(saved.doc['id'])}` });
    expect(await (await fetch(String(saved.doc['url']))).text()).toBe('%PDF-1.4');

    const empty = await fetch(server.upload_url, { method: 'POST', body: new FormData() });
    expect(await empty.json()).toMatchObject({ error: 'no_file' });
  });

  it('pushes Callback API events with the secret and confirms the server', async () => {
    receiver = await startReceiver((request) => {
      const event = JSON.parse(request.body.toString()) as { type: string; secret?: string };
      if (event.type === 'confirmation') return { body: 'a1b2c3' };
      return { body: event.secret === 'cbk-s3cret' ? 'ok' : 'bad secret', status: event.secret === 'cbk-s3cret' ? 200 : 403 };
    });
    vk.webhookUrl = `${receiver.url}/vk`;

    expect(await vk.confirm()).toBe(true);
    expect(JSON.parse(receiver.received[0]?.body.toString() ?? '')).toEqual({ type: 'confirmation', group_id: GROUP });

    expect(await vk.push({ type: 'message_new', object: { message: { id: 311, text: 'hi' } } })).toEqual({ status: 200, body: 'ok' });
    const event = JSON.parse(receiver.received[1]?.body.toString() ?? '') as Record<string, unknown>;
    expect(event).toMatchObject({ type: 'message_new', v: '5.199', group_id: GROUP, secret: 'cbk-s3cret' });
    expect(event['event_id']).toMatch(/^[0-9a-f]{40}$/);

    const forged = '{"type":"message_new","event_id":"x","v":"5.199","group_id":1,"object":{},"secret":"wrong"}';
    expect(await vk.push(forged, { retryCounter: 2 })).toEqual({ status: 403, body: 'bad secret' });
    expect(receiver.received[2]?.body.toString()).toBe(forged);
    expect(receiver.received[2]?.headers['x-retry-counter']).toBe('2');

    const other = await startReceiver(() => ({ body: 'something else' }));
    expect(await vk.confirm(other.url)).toBe(false);
    await other.close();
  });

  it('records a callback server added through the API as the webhook', async () => {
    expect(await call('groups.addCallbackServer', { group_id: String(GROUP), url: 'https://helpdesk.test/hooks/vk/1', title: 'Helpdesk', secret_key: 'cbk-s3cret' })).toEqual({
      response: { server_id: 1 },
    });
    expect(vk.webhookUrl).toBe('https://helpdesk.test/hooks/vk/1');
  });
});
