import { DEMO_CUSTOMER, FakeOk, FakeTelegram, FakeViber, FakeVk, type FakePlatform } from '@omnichannel/fake-platforms';
import type { AdminChannel, AdminChannelList, Message, MessagePage, TicketDetail } from '@omnichannel/contracts';
import { channelFixture } from '../../../test/channel-fixtures';
import { authAs, createDepartment } from '../../../test/factories';
import { expectError, http, uploadFile } from '../../../test/http';
import { connectEmployee, nextEvent, request } from '../../../test/sockets';
import { startTestApp, useTestApp } from '../../../test/test-app';
import { AttachmentsJanitor } from '../attachments/attachments-janitor';

/** A 1×1 PNG: a real image by its bytes, so it is sent as a photo. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Issue #11 points 1, 3, 5 (CHN-1, CHN-5, CHN-6, WORK-9): an administrator connects each messenger from
 * the API the SPA uses, against a local fake of the platform speaking its wire format; a client's message
 * arrives, the operator's replies (text and files) reach the fake in order, across a rate limit, and a
 * permanent refusal is shown on the message and in the channel's health.
 */
describe('messenger channels: connect, receive, reply', () => {
  const t = useTestApp();
  const fakes: FakePlatform[] = [];

  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((f) => f.stop()));
  });

  async function start<F extends FakePlatform>(fake: F): Promise<F> {
    fakes.push(fake);
    return fake.start();
  }

  async function world() {
    const department = await createDepartment(t);
    const admin = await authAs(t, 'admin', { departments: [department.id] });
    return { department, admin };
  }

  async function connect(admin: { cookie: string }, body: Record<string, unknown>): Promise<AdminChannel> {
    const created = await http<AdminChannel>(t.url, 'POST', '/api/channels', { cookie: admin.cookie, body });
    if (created.status !== 201) throw new Error(`Connecting failed: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body;
  }

  /** The channel's one live ticket, once the client's first message is applied. */
  async function ticketOf(channelId: string): Promise<string> {
    const [row] = await until(
      'the ticket',
      () => t.dataSource.query<{ id: string }[]>('SELECT id FROM tickets WHERE channel_id = $1', [channelId]),
      (rows) => rows.length > 0,
    );
    return row!.id;
  }

  async function history(ticketId: string, cookie: string): Promise<Message[]> {
    return (await http<MessagePage>(t.url, 'GET', `/api/tickets/${ticketId}/messages`, { cookie })).body.items;
  }

  async function reply(ticketId: string, cookie: string, body: string, attachmentIds: string[] = []): Promise<Message> {
    const sent = await http<Message>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie, body: { kind: 'reply', body, attachmentIds } });
    if (sent.status !== 201) throw new Error(`Reply failed: ${sent.status} ${JSON.stringify(sent.body)}`);
    return sent.body;
  }

  async function deliveryOf(ticketId: string, cookie: string, messageId: string, state: string): Promise<Message> {
    const messages = await until(
      `message ${messageId} ${state}`,
      () => history(ticketId, cookie),
      (items) => items.find((m) => m.id === messageId)?.delivery?.state === state,
    );
    return messages.find((m) => m.id === messageId)!;
  }

  async function take(ticketId: string, cookie: string): Promise<void> {
    const taken = await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie });
    expect(taken.status).toBe(200);
  }

  describe('Telegram', () => {
    const token = '123456:ABC-fake-token';

    /** A connected bot, a client who wrote "Hi", and the admin who took their request. */
    async function conversation() {
      const fake = await start(new FakeTelegram({ token }));
      const { department, admin } = await world();
      const channel = await connect(admin, { type: 'telegram', name: 'Support bot', departmentId: department.id, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: token } });
      await fake.sendUpdate(fake.textUpdate('Hi'));
      const ticketId = await ticketOf(channel.id);
      await take(ticketId, admin.cookie);
      return { fake, admin, channel, ticketId };
    }

    it('an administrator connects a bot: the token is checked (getMe), the webhook registered with a secret, and no secret is ever returned', async () => {
      const fake = await start(new FakeTelegram({ token }));
      const { department, admin } = await world();
      const channel = await connect(admin, { type: 'telegram', name: 'Support bot', departmentId: department.id, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: token } });
      expect(channel).toMatchObject({ type: 'telegram', accountName: '@fake_helpdesk_bot', enabled: true, canRegisterWebhook: true, webhookUrl: `${t.url}/api/channels/${channel.id}/webhook` });
      expect(channel.health.webhookRegisteredAt).not.toBeNull();
      const [registered] = fake.requests('setWebhook');
      expect(registered?.params).toMatchObject({ url: channel.webhookUrl, allowed_updates: ['message', 'edited_message', 'my_chat_member'] });
      expect(String(registered?.params.secret_token)).toMatch(/^[\w-]{20,}$/);
      const listed = await http<AdminChannelList>(t.url, 'GET', '/api/channels', { cookie: admin.cookie });
      const item = listed.body.items.find((c) => c.id === channel.id)!;
      expect(item.secretsSet.sort()).toEqual(['botToken', 'webhookSecret']);
      expect(JSON.stringify(listed.body)).not.toContain(token);
      expect(JSON.stringify(listed.body)).not.toContain(String(registered?.params.secret_token));
    });

    it('a token Telegram refuses answers PLATFORM_REFUSED with its words, and nothing is stored', async () => {
      const fake = await start(new FakeTelegram({ token }));
      const { department, admin } = await world();
      const refused = await http(t.url, 'POST', '/api/channels', {
        cookie: admin.cookie,
        body: { type: 'telegram', name: 'Wrong', departmentId: department.id, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: '999:wrong' } },
      });
      expectError(refused, 502, 'PLATFORM_REFUSED');
      expect((refused.body as { message: string }).message).toMatch(/Unauthorized/);
      expect(await t.dataSource.query(`SELECT id FROM channels WHERE name = 'Wrong'`)).toEqual([]);
    });

    it('a client writes, the operator replies with text, a photo and a PDF: they reach the bot API in order and the reply is sent with Telegram\'s id', async () => {
      const fake = await start(new FakeTelegram({ token }));
      const { department, admin } = await world();
      const channel = await connect(admin, { type: 'telegram', name: 'Support bot', departmentId: department.id, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: token } });
      expect((await fake.sendUpdate(fake.textUpdate('Hello from Telegram'))).status).toBe(200);
      const ticketId = await ticketOf(channel.id);
      await take(ticketId, admin.cookie);
      expect((await history(ticketId, admin.cookie)).map((m) => m.body)).toContain('Hello from Telegram');

      const photo = await uploadFile(t.url, '/api/attachments', PNG, 'pixel.png', { cookie: admin.cookie });
      const pdf = await uploadFile(t.url, '/api/attachments', PDF, 'invoice.pdf', { cookie: admin.cookie });
      const sent = await reply(ticketId, admin.cookie, 'Here you are', [photo.body.id, pdf.body.id]);
      const delivered = await deliveryOf(ticketId, admin.cookie, sent.id, 'sent');
      expect(delivered.delivery?.error).toBeNull();

      const calls = fake.requests().filter((r) => ['sendMessage', 'sendPhoto', 'sendDocument'].includes(r.method));
      expect(calls.map((r) => r.method)).toEqual(['sendMessage', 'sendPhoto', 'sendDocument']);
      expect(calls.map((r) => String(r.params.chat_id))).toEqual([String(DEMO_CUSTOMER.id), String(DEMO_CUSTOMER.id), String(DEMO_CUSTOMER.id)]);
      expect(calls[0]?.params.text).toBe('Here you are');
      expect(calls[1]?.files[0]?.bytes.equals(PNG)).toBe(true);
      expect(calls[2]?.files[0]).toMatchObject({ fileName: 'invoice.pdf' });
      expect(calls[2]?.files[0]?.bytes.equals(PDF)).toBe(true);
      const [row] = await t.dataSource.query<{ external_id: string }[]>('SELECT external_id FROM messages WHERE id = $1', [sent.id]);
      expect(row?.external_id).toMatch(/^\d+$/);
    });

    it('a template reply a rule sends when the request opens reaches the bot API rendered with the client\'s name', async () => {
      const fake = await start(new FakeTelegram({ token }));
      const { department, admin } = await world();
      const template = await http<{ id: string }>(t.url, 'POST', '/api/templates', { cookie: admin.cookie, body: { title: 'Greeting', tags: ['hello'], body: 'Hello {client.name}, we are on it.' } });
      expect(template.status).toBe(201);
      const rule = await http<{ id: string }>(t.url, 'POST', '/api/omni/rules', {
        cookie: admin.cookie,
        body: { name: 'Greet on Telegram', trigger: { type: 'ticket.created' }, conditions: [{ type: 'department', departmentIds: [department.id] }], actions: [{ type: 'send-template', templateId: template.body.id }] },
      });
      expect(rule.status).toBe(201);
      await connect(admin, { type: 'telegram', name: 'Greeting bot', departmentId: department.id, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: token } });
      await fake.sendUpdate(fake.textUpdate('Hi'));
      const [sent] = await fake.waitFor('sendMessage', 1, 15_000);
      expect(sent?.params.text).toBe(`Hello ${DEMO_CUSTOMER.first_name} ${DEMO_CUSTOMER.last_name ?? ''}`.trim() + ', we are on it.');
    });

    it('while the operator types a reply, the client sees the bot "typing…" (sendChatAction), asked at most every few seconds (WORK-8)', async () => {
      const { fake, admin, ticketId } = await conversation();
      const socket = await connectEmployee(t.url, admin.cookie);
      t.sockets.push(socket);
      await request(socket, 'ticket:watch', { ticketId });
      socket.emit('ticket:typing', { ticketId, typing: true });
      const [action] = await fake.waitFor('sendChatAction', 1, 5000);
      expect(action?.params).toMatchObject({ chat_id: String(DEMO_CUSTOMER.id), action: 'typing' });
      // More keystrokes a moment later: the indicator is still showing, nothing more is asked.
      socket.emit('ticket:typing', { ticketId, typing: true });
      socket.emit('ticket:typing', { ticketId, typing: false });
      await request(socket, 'ticket:watch', { ticketId });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fake.requests('sendChatAction')).toHaveLength(1);
    });

    it('replies keep their order across a 429 with retry_after: the limited one is retried after the hint, before the later ones (CHN-5)', async () => {
      const { fake, admin, ticketId } = await conversation();
      fake.failNext('sendMessage', 'rateLimit', { retryAfter: 2 });
      const replies = [];
      for (const text of ['one', 'two', 'three']) replies.push(await reply(ticketId, admin.cookie, text));
      const calls = await fake.waitFor('sendMessage', 4, 20_000);
      expect(calls.map((c) => c.params.text)).toEqual(['one', 'one', 'two', 'three']);
      expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1900);
      for (const sent of replies) await deliveryOf(ticketId, admin.cookie, sent.id, 'sent');
    });

    it('a client who blocked the bot: the reply fails with Telegram\'s reason, shown on the message and in the channel\'s health (WORK-9)', async () => {
      const { fake, admin, channel, ticketId } = await conversation();
      fake.failNext('sendMessage', 'blocked');
      const sent = await reply(ticketId, admin.cookie, 'Are you there?');
      const failed = await deliveryOf(ticketId, admin.cookie, sent.id, 'failed');
      expect(failed.delivery?.error).toMatch(/blocked the bot.*Forbidden: bot was blocked by the user/);
      const listed = await http<AdminChannelList>(t.url, 'GET', '/api/channels', { cookie: admin.cookie });
      expect(listed.body.items.find((c) => c.id === channel.id)?.health).toMatchObject({ lastError: failed.delivery?.error, eventsLastDay: 1 });
      // Retry (WORK-9) sends it again once the client is back.
      const retried = await http(t.url, 'POST', `/api/messages/${sent.id}/retry`, { cookie: admin.cookie });
      expect(retried.status).toBe(200);
      await deliveryOf(ticketId, admin.cookie, sent.id, 'sent');
    });

    it('a photo is downloaded (the largest size, getFile then the file path) into an attachment of the message; a voice note that fails to download keeps its placeholder (CHN-2)', async () => {
      const fake = await start(new FakeTelegram({ token }));
      const { department, admin } = await world();
      const channel = await connect(admin, { type: 'telegram', name: 'Support bot', departmentId: department.id, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: token } });
      const photo = JSON.parse(channelFixture('telegram', 'inbound', 'photo.json').toString()) as { message: { photo: { file_id: string }[] } };
      fake.addFile(photo.message.photo.at(-1)!.file_id, PNG, { mimeType: 'image/png' });
      expect((await fake.push(channelFixture('telegram', 'inbound', 'photo.json'))).status).toBe(200);
      expect((await fake.push(channelFixture('telegram', 'inbound', 'voice.json'))).status).toBe(200);
      const ticketId = await ticketOf(channel.id);
      const items = await until(
        'both messages',
        () => history(ticketId, admin.cookie),
        (list) => list.filter((m) => m.kind === 'client').length === 2,
      );
      const [withPhoto, voice] = items.filter((m) => m.kind === 'client');
      expect(withPhoto).toMatchObject({ body: 'Photo Caption', attachments: [{ mime: 'image/png', isImage: true, size: PNG.length }] });
      const file = await fetch(`${t.url}${withPhoto!.attachments[0]!.url}`, { headers: { cookie: admin.cookie } });
      expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
      expect(voice).toMatchObject({ body: '[Voice message]', attachments: [] });
    });

    it('a new client\'s profile photo becomes their picture in the client panel, served to whoever sees the ticket and kept from the janitor (WORK-4)', async () => {
      const fake = await start(new FakeTelegram({ token }));
      fake.addFile('avatar-file-1', PNG, { fileName: 'photo.png', mimeType: 'image/png' });
      fake.setProfilePhotos(DEMO_CUSTOMER.id, ['avatar-file-1']);
      const { department, admin } = await world();
      const channel = await connect(admin, { type: 'telegram', name: 'Avatar bot', departmentId: department.id, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: token } });
      await fake.sendUpdate(fake.textUpdate('Hi'));
      const ticketId = await ticketOf(channel.id);
      const detail = await until(
        'the picture',
        () => http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: admin.cookie }),
        (d) => d.body.clientDetails?.avatarUrl !== null,
      );
      const url = detail.body.clientDetails.avatarUrl!;
      expect(url).toMatch(new RegExp(`^/api/tickets/${ticketId}/client-avatar\\?v=[0-9a-f-]{36}$`));
      expect(fake.requests('getUserProfilePhotos')[0]?.params).toMatchObject({ user_id: String(DEMO_CUSTOMER.id) });
      const picture = await fetch(`${t.url}${url}`, { headers: { cookie: admin.cookie } });
      expect(picture.status).toBe(200);
      expect(picture.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await picture.arrayBuffer()).equals(PNG)).toBe(true);
      // Someone who may not see the ticket gets "not found", like for any ticket of another department.
      const other = await authAs(t, 'operator', { departments: [(await createDepartment(t)).id] });
      expectError(await http(t.url, 'GET', url, { cookie: other.cookie }), 404, 'TICKET_NOT_FOUND');
      // The picture is a file of no message: the janitor of unattached uploads leaves it alone, however old.
      await t.dataSource.query(`UPDATE attachments SET created_at = now() - interval '400 days' WHERE id = $1`, [url.split('v=')[1]]);
      await t.get(AttachmentsJanitor).removeUnattached();
      expect((await fetch(`${t.url}${url}`, { headers: { cookie: admin.cookie } })).status).toBe(200);
    });

    it('an edit replaces the text with an edited mark; the client\'s profile link and username are kept (WORK-4)', async () => {
      const fake = await start(new FakeTelegram({ token }));
      const { department, admin } = await world();
      const channel = await connect(admin, { type: 'telegram', name: 'Support bot', departmentId: department.id, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: token } });
      const update = fake.textUpdate('Helo');
      await fake.sendUpdate(update);
      const ticketId = await ticketOf(channel.id);
      const message = update.message as Record<string, unknown>;
      await fake.sendUpdate({ edited_message: { ...message, text: 'Hello', edit_date: Number(message.date) + 5 } });
      const items = await until(
        'the edit',
        () => history(ticketId, admin.cookie),
        (list) => list.some((m) => m.body === 'Hello' && m.editedAt !== null),
      );
      expect(items.filter((m) => m.kind === 'client').map((m) => m.body)).toEqual(['Hello']);
      const [identity] = await t.dataSource.query<{ profile: Record<string, unknown> }[]>('SELECT profile FROM client_identities WHERE channel_id = $1', [channel.id]);
      expect(identity?.profile).toMatchObject({ username: DEMO_CUSTOMER.username, url: `https://t.me/${DEMO_CUSTOMER.username}` });
    });

    it('settings: switching a channel off refuses its webhooks; deleting one with conversations is refused (CHANNEL_IN_USE); without, it unregisters and goes', async () => {
      const fake = await start(new FakeTelegram({ token }));
      const { department, admin } = await world();
      const used = await connect(admin, { type: 'telegram', name: 'Used', departmentId: department.id, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: token } });
      await fake.sendUpdate(fake.textUpdate('Hi'));
      await ticketOf(used.id);
      const off = await http<AdminChannel>(t.url, 'PATCH', `/api/channels/${used.id}`, { cookie: admin.cookie, body: { enabled: false, name: 'Used (off)' } });
      expect(off.body).toMatchObject({ enabled: false, name: 'Used (off)' });
      expect((await fake.sendUpdate(fake.textUpdate('Still there?'))).status).toBe(404);
      expectError(await http(t.url, 'DELETE', `/api/channels/${used.id}`, { cookie: admin.cookie }), 409, 'CHANNEL_IN_USE');

      const unused = await connect(admin, { type: 'telegram', name: 'Unused', departmentId: department.id, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: token } });
      fake.reset();
      expect((await http(t.url, 'DELETE', `/api/channels/${unused.id}`, { cookie: admin.cookie })).status).toBe(204);
      expect(fake.requests('deleteWebhook')).toHaveLength(1);
      expectError(await http(t.url, 'PATCH', `/api/channels/${unused.id}`, { cookie: admin.cookie, body: { name: 'x' } }), 404, 'CHANNEL_NOT_FOUND');
    });

    it('a webhook front that runs no jobs (WORKER_CONCURRENCY=0) stores and answers; another instance applies the event', async () => {
      const fake = await start(new FakeTelegram({ token }));
      const { department, admin } = await world();
      const channel = await connect(admin, { type: 'telegram', name: 'Front', departmentId: department.id, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: token } });
      const front = await startTestApp({ WORKER_CONCURRENCY: 0, EVENT_CONSUMERS: false });
      try {
        const update = { update_id: 880_000_001, ...fake.textUpdate('Through the front') };
        const answered = await fetch(`${front.url}/api/channels/${channel.id}/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': String(fake.webhook?.secret_token) },
          body: JSON.stringify(update),
        });
        expect(`${answered.status} ${await answered.text()}`).toBe('200 ok');
        const [stored] = await t.dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM channel_events WHERE channel_id = $1 AND event_key = $2', [channel.id, String(update.update_id)]);
        expect(stored?.count).toBe(1);
        const ticketId = await ticketOf(channel.id);
        await until('the message', () => history(ticketId, admin.cookie), (items) => items.some((m) => m.body === 'Through the front'));
      } finally {
        await front.close();
      }
    });

    it('an operator without Omni settings cannot see or change channels', async () => {
      const { department } = await world();
      const operator = await authAs(t, 'operator', { departments: [department.id] });
      expectError(await http(t.url, 'GET', '/api/channels', { cookie: operator.cookie }), 403, 'FORBIDDEN');
    });
  });

  describe('VK', () => {
    const groupId = 12345;

    it('connect (groups.getById), the callback server is confirmed, a message arrives, the reply goes with random_id and an uploaded document; 901 fails it', async () => {
      const fake = await start(new FakeVk({ token: 'vk-token', groupId, confirmation: 'a1b2c3d4', secret: 'vk-secret' }));
      const { department, admin } = await world();
      const channel = await connect(admin, {
        type: 'vk',
        name: 'Community',
        departmentId: department.id,
        settings: { apiBaseUrl: fake.baseUrl, groupId },
        secrets: { accessToken: 'vk-token', secret: 'vk-secret', confirmation: 'a1b2c3d4' },
      });
      expect(channel).toMatchObject({ accountName: 'Fake community', canRegisterWebhook: false });
      expect(await fake.confirm(channel.webhookUrl!)).toBe(true);
      const body = JSON.parse(channelFixture('vk', 'inbound', 'message_new_text_private.json').toString()) as { object: { message: { from_id: number } } };
      // message_new names the sender by id only: who they are is asked with users.get, once.
      const fromId = body.object.message.from_id;
      fake.addUser({ id: fromId, first_name: 'Анна', last_name: 'Иванова', screen_name: 'anna.iv' });
      const pushed = await fake.push({ ...body, group_id: groupId, secret: 'vk-secret' }, { url: channel.webhookUrl! });
      expect(pushed).toEqual({ status: 200, body: 'ok' });
      const ticketId = await ticketOf(channel.id);
      await take(ticketId, admin.cookie);
      const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: admin.cookie });
      expect(detail.body.client.name).toBe('Анна Иванова');
      expect(detail.body.clientDetails.links).toEqual([{ channel: 'vk', label: 'Анна Иванова', url: 'https://vk.com/anna.iv', username: 'anna.iv', unreachableSince: null }]);
      expect(fake.requests('users.get')).toHaveLength(1);
      expect(fake.requests('users.get')[0]?.params).toMatchObject({ user_ids: String(fromId) });
      // Their photo_100 became their picture (the fake's camera placeholder).
      await until(
        'the VK picture',
        () => http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: admin.cookie }),
        (d) => d.body.clientDetails.avatarUrl !== null,
      );
      // The client's next message asks nothing again.
      await fake.push({ ...body, event_id: 'second-message', object: { ...body.object, message: { ...body.object.message, id: 999_001, conversation_message_id: 999_001, text: 'Ещё' } }, group_id: groupId, secret: 'vk-secret' }, { url: channel.webhookUrl! });
      await until('the second message', () => history(ticketId, admin.cookie), (items) => items.some((m) => m.body === 'Ещё'));
      expect(fake.requests('users.get')).toHaveLength(1);

      // The client types in VK: the operator watching the conversation sees "Client is typing…" (WORK-8).
      const operatorSocket = await connectEmployee(t.url, admin.cookie);
      t.sockets.push(operatorSocket);
      await request(operatorSocket, 'ticket:watch', { ticketId });
      const typing = nextEvent(operatorSocket, 'ticket:typing', (e) => e.ticketId === ticketId && e.who.type === 'client');
      await fake.push({ type: 'message_typing_state', event_id: 'typing-1', group_id: groupId, secret: 'vk-secret', object: { state: 'typing', from_id: fromId, to_id: -groupId } }, { url: channel.webhookUrl! });
      expect(await typing).toMatchObject({ ticketId, typing: true, preview: null });
      // And the other way: the operator types, VK shows the community "typing…".
      operatorSocket.emit('ticket:typing', { ticketId, typing: true });
      const [activity] = await fake.waitFor('messages.setActivity', 1, 5000);
      expect(activity?.params).toMatchObject({ peer_id: String(fromId), type: 'typing', group_id: String(groupId) });
      const pdf = await uploadFile(t.url, '/api/attachments', PDF, 'invoice.pdf', { cookie: admin.cookie });
      const sent = await reply(ticketId, admin.cookie, 'Ответ', [pdf.body.id]);
      await deliveryOf(ticketId, admin.cookie, sent.id, 'sent');
      const [send] = fake.requests('messages.send');
      expect(send?.params).toMatchObject({ message: 'Ответ', v: '5.199' });
      expect(String(send?.params.random_id)).toMatch(/^\d+$/);
      expect(String(send?.params.attachment)).toMatch(/^doc-?\d+_\d+$/);
      expect(fake.uploads().some((u) => u.bytes.equals(PDF))).toBe(true);

      fake.failNext('messages.send', 'blocked');
      const refused = await reply(ticketId, admin.cookie, 'Hello?');
      const failed = await deliveryOf(ticketId, admin.cookie, refused.id, 'failed');
      expect(failed.delivery?.error).toMatch(/not allowed messages from the community/);
    });
  });

  describe('Viber', () => {
    it('connect (get_account_info), set_webhook is checked by Viber calling us signed, a message arrives, a picture goes by a signed link, receipts move the state', async () => {
      const fake = await start(new FakeViber({ token: 'viber-token' }));
      const { department, admin } = await world();
      const channel = await connect(admin, {
        type: 'viber',
        name: 'Viber bot',
        departmentId: department.id,
        settings: { apiBaseUrl: fake.baseUrl, senderName: 'Support' },
        secrets: { authToken: 'viber-token' },
      });
      expect(channel.health).toMatchObject({ webhookError: null });
      expect(channel.health.webhookRegisteredAt).not.toBeNull();
      expect(fake.webhookUrl).toBe(channel.webhookUrl);
      expect((await fake.push(channelFixture('viber', 'inbound', 'text.json'))).status).toBe(200);
      const ticketId = await ticketOf(channel.id);
      await take(ticketId, admin.cookie);
      const photo = await uploadFile(t.url, '/api/attachments', PNG, 'pixel.png', { cookie: admin.cookie });
      const sent = await reply(ticketId, admin.cookie, 'Look', [photo.body.id]);
      await deliveryOf(ticketId, admin.cookie, sent.id, 'sent');
      const sends = fake.requests('send_message');
      expect(sends.map((s) => s.params.type)).toEqual(['text', 'picture']);
      expect(sends[0]?.params).toMatchObject({ text: 'Look', sender: { name: 'Support' } });
      expect(String(sends[1]?.params.media)).toMatch(new RegExp(`^${t.url}/api/channels/files/`));
      expect(sends[1]?.files[0]?.bytes.equals(PNG)).toBe(true);
      // The link opens that file only: an altered one is not found.
      expectError(await http(t.url, 'GET', `${String(sends[1]?.params.media).slice(t.url.length)}x`), 404, 'ATTACHMENT_NOT_FOUND');
      const [row] = await t.dataSource.query<{ external_id: string }[]>('SELECT external_id FROM messages WHERE id = $1', [sent.id]);
      expect(row?.external_id).toBe(String(sends[0]?.params._token));
      const receipt = (event: string) => JSON.stringify({ event, timestamp: Date.now(), chat_hostname: 'SN-CHAT-02_', message_token: 0, user_id: 'x' }).replace('"message_token":0', `"message_token":${row!.external_id}`);
      await fake.push(receipt('delivered'));
      await deliveryOf(ticketId, admin.cookie, sent.id, 'delivered');
      await fake.push(receipt('seen'));
      await deliveryOf(ticketId, admin.cookie, sent.id, 'read');

      // A reply Viber accepted but could not deliver later: its `failed` callback ends it failed, with Viber's words.
      const lost = await reply(ticketId, admin.cookie, 'Are you there?');
      await deliveryOf(ticketId, admin.cookie, lost.id, 'sent');
      const [lostRow] = await t.dataSource.query<{ external_id: string }[]>('SELECT external_id FROM messages WHERE id = $1', [lost.id]);
      const failed = JSON.stringify({ event: 'failed', timestamp: Date.now(), message_token: 0, user_id: 'x', desc: 'Receiver is not reachable' }).replace(
        '"message_token":0',
        `"message_token":${lostRow!.external_id}`,
      );
      expect((await fake.push(failed)).status).toBe(200);
      const shown = await deliveryOf(ticketId, admin.cookie, lost.id, 'failed');
      expect(shown.delivery?.error).toBe('Viber could not deliver it: Receiver is not reachable');
      // The read reply before it stays read.
      expect((await history(ticketId, admin.cookie)).find((m) => m.id === sent.id)?.delivery?.state).toBe('read');
    });
  });

  describe('Odnoklassniki', () => {
    it('connect (me/info), subscribe with the token in the URL, a message arrives, the reply goes to the chat with an uploaded file', async () => {
      const fake = await start(new FakeOk({ token: 'ok-token', groupId: '70000001234567' }));
      const { department, admin } = await world();
      const channel = await connect(admin, {
        type: 'odnoklassniki',
        name: 'OK group',
        departmentId: department.id,
        settings: { apiBaseUrl: fake.baseUrl, allowedSources: [] },
        secrets: { accessToken: 'ok-token' },
      });
      expect(channel.accountName).toBe('Fake group');
      expect(fake.webhookUrl).toBe(channel.webhookUrl);
      expect(channel.webhookUrl).toMatch(/\?token=[\w-]+$/);
      expect((await fake.push(channelFixture('ok', 'inbound', 'text.json'))).status).toBe(200);
      const ticketId = await ticketOf(channel.id);
      await take(ticketId, admin.cookie);
      const pdf = await uploadFile(t.url, '/api/attachments', PDF, 'invoice.pdf', { cookie: admin.cookie });
      const sent = await reply(ticketId, admin.cookie, 'Готово', [pdf.body.id]);
      await deliveryOf(ticketId, admin.cookie, sent.id, 'sent');
      const [send] = fake.requests('messages');
      expect(send?.params).toMatchObject({ message: { text: 'Готово', attachments: [{ type: 'FILE' }] } });
      expect(fake.uploads().some((u) => u.bytes.equals(PDF))).toBe(true);
    });
  });
});
