import { createHmac } from 'node:crypto';
import { channelFixture } from '../../../test/channel-fixtures';
import { createDepartment, createWidgetChannel } from '../../../test/factories';
import { useTestApp } from '../../../test/test-app';
import { ChannelsService, type Channel } from './channels.service';

interface Posted {
  status: number;
  contentType: string | null;
  text: string;
}

/** Issue #11 point 2, CHN-2…4: a messenger's webhook, verified, stored once, answered as the platform expects, applied by a job. */
describe('messenger webhooks', () => {
  const t = useTestApp();

  async function connect(type: 'telegram' | 'vk' | 'viber' | 'odnoklassniki', settings: Record<string, unknown>, secrets: Record<string, string>): Promise<Channel> {
    const department = await createDepartment(t);
    return t.get(ChannelsService).createMessenger({ type, name: `${type} account`, departmentId: department.id, settings, secrets });
  }

  const telegram = () => connect('telegram', {}, { botToken: '123456:test-token', webhookSecret: 's3cr3t_Token-1' });

  async function post(channelId: string, body: Buffer | string, headers: Record<string, string> = {}, query = ''): Promise<Posted> {
    const response = await fetch(`${t.url}/api/channels/${channelId}/webhook${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  }

  const stored = async (channelId: string) =>
    t.dataSource.query<{ event_key: string; state: string; detail: string | null }[]>('SELECT event_key, state, detail FROM channel_events WHERE channel_id = $1 ORDER BY received_at', [channelId]);

  /** The channel's events once their jobs have finished with them (the message is visible a moment before its event is marked). */
  async function settled(channelId: string) {
    const deadline = Date.now() + 15_000;
    while ((await stored(channelId)).some((e) => e.state === 'received') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return stored(channelId);
  }

  /** The client messages of the channel's tickets, once the jobs have applied `count` of them. */
  async function messagesOf(channelId: string, count: number): Promise<{ body: string; client_name: string | null; department_id: string }[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = await t.dataSource.query<{ body: string; client_name: string | null; department_id: string }[]>(
        `SELECT m.body, c.name AS client_name, tk.department_id FROM messages m JOIN tickets tk ON tk.id = m.ticket_id JOIN clients c ON c.id = m.author_client_id
          WHERE tk.channel_id = $1 AND m.kind = 'client' ORDER BY m.seq`,
        [channelId],
      );
      if (rows.length >= count || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const telegramHeaders = { 'x-telegram-bot-api-secret-token': 's3cr3t_Token-1' };

  it('Telegram: a message becomes the client\'s message in a new ticket of the channel\'s department, stored once however often it is delivered', async () => {
    const channel = await telegram();
    const body = channelFixture('telegram', 'inbound', 'text.json');
    const first = await post(channel.id, body, telegramHeaders);
    const again = await post(channel.id, body, telegramHeaders);
    expect([first, again].map((r) => [r.status, r.text])).toEqual([
      [200, 'ok'],
      [200, 'ok'],
    ]);
    expect(await messagesOf(channel.id, 1)).toEqual([{ body: 'test', client_name: 'Sojan Jose', department_id: channel.departmentId }]);
    expect(await settled(channel.id)).toEqual([{ event_key: '2342342343242', state: 'applied', detail: null }]);
    const [identity] = await t.dataSource.query<{ external_id: string; profile: Record<string, string> }[]>(
      'SELECT external_id, profile FROM client_identities WHERE channel_id = $1',
      [channel.id],
    );
    expect(identity).toEqual({ external_id: '23', profile: { name: 'Sojan Jose', username: 'sojan', url: 'https://t.me/sojan', chatId: '23' } });
  });

  it('Telegram: the messages of one chat keep their order, a photo shows its caption and a placeholder', async () => {
    const channel = await telegram();
    for (const name of ['photo.json', 'document.json', 'voice.json']) expect((await post(channel.id, channelFixture('telegram', 'inbound', name), telegramHeaders)).status).toBe(200);
    const rows = await messagesOf(channel.id, 3);
    expect(rows.map((r) => r.body)).toEqual(['Photo Caption\n[Photo]', expect.stringMatching(/^\[File: .+\]$/), '[Voice message]']);
  });

  it('Telegram: the bot blocked is stored and applied, never a message', async () => {
    const channel = await telegram();
    expect((await post(channel.id, channelFixture('telegram', 'inbound', 'my_chat_member_blocked.json'), telegramHeaders)).status).toBe(200);
    expect(await settled(channel.id)).toEqual([{ event_key: '2342342343243', state: 'applied', detail: null }]);
    expect(await messagesOf(channel.id, 0)).toEqual([]);
  });

  it('a forged or missing secret is refused with WEBHOOK_UNVERIFIED and stores nothing (CHN-3)', async () => {
    const channel = await telegram();
    const body = channelFixture('telegram', 'inbound', 'text.json');
    for (const headers of [{}, { 'x-telegram-bot-api-secret-token': 'guessed' }] as Record<string, string>[]) {
      const refused = await post(channel.id, body, headers);
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.text)).toMatchObject({ code: 'WEBHOOK_UNVERIFIED' });
    }
    expect(await stored(channel.id)).toEqual([]);
  });

  it('an unknown, switched-off or widget channel is CHANNEL_NOT_FOUND; a body not of the platform\'s shape is WEBHOOK_MALFORMED; nothing is stored', async () => {
    const channel = await telegram();
    const body = channelFixture('telegram', 'inbound', 'text.json');
    const codeOf = (r: Posted) => [r.status, (JSON.parse(r.text) as { code: string }).code];
    expect(codeOf(await post('0b3a3c2e-7d1f-4a51-9d3e-2f1c5b6a7e80', body, telegramHeaders))).toEqual([404, 'CHANNEL_NOT_FOUND']);
    const widget = await createWidgetChannel(t, channel.departmentId);
    expect(codeOf(await post(widget.id, body, telegramHeaders))).toEqual([404, 'CHANNEL_NOT_FOUND']);
    expect(codeOf(await post('not-a-uuid', body, telegramHeaders))).toEqual([400, 'VALIDATION_FAILED']);
    expect(codeOf(await post(channel.id, '{"message":{"text":"no update id"}}', telegramHeaders))).toEqual([400, 'WEBHOOK_MALFORMED']);
    expect((await post(channel.id, 'update_id=1', telegramHeaders)).status).toBe(400);
    await t.dataSource.query('UPDATE channels SET enabled = false WHERE id = $1', [channel.id]);
    // Written behind the API's back: its short cache of the channel is dropped as Settings → Channels does.
    t.get(ChannelsService).forget(channel.id);
    expect(codeOf(await post(channel.id, body, telegramHeaders))).toEqual([404, 'CHANNEL_NOT_FOUND']);
    expect(await stored(channel.id)).toEqual([]);
  });

  it('VK: the confirmation is answered with the bare confirmation string, a message with ok', async () => {
    const confirming = await connect('vk', { groupId: 123456 }, { secret: 'secret_123456', confirmation: 'confirmation_123456', accessToken: 'vk-token' });
    const confirmed = await post(confirming.id, channelFixture('vk', 'inbound', 'confirmation.json'));
    expect([confirmed.status, confirmed.contentType, confirmed.text]).toEqual([200, 'text/plain; charset=utf-8', 'confirmation_123456']);
    const channel = await connect('vk', { groupId: null }, { secret: 'abc123xyz', confirmation: 'a1b2c3', accessToken: 'vk-token' });
    const answered = await post(channel.id, channelFixture('vk', 'inbound', 'message_new_text_private.json'));
    expect([answered.status, answered.text]).toEqual([200, 'ok']);
    expect((await messagesOf(channel.id, 1)).map((r) => r.body)).toEqual(['Hello World']);
    expect((await post(channel.id, channelFixture('vk', 'inbound', 'message_new_text_private.json').toString('utf8').replace('abc123xyz', 'wrong'))).status).toBe(401);
  });

  it('Viber: the signature over the raw bytes decides, and the 19-digit message token is the key', async () => {
    const channel = await connect('viber', { senderName: 'Support', senderAvatar: null }, { authToken: 'acceptance_test_secret' });
    const body = channelFixture('viber', 'inbound', 'text.json');
    const signature = createHmac('sha256', 'acceptance_test_secret').update(body).digest('hex');
    // The vector of ../shared/fixtures/channels/signatures.md for this file.
    expect(signature).toBe('f37a9d61c842704ac613fd2a5a21c515886ca10622879eff3b358eae2a545368');
    expect((await post(channel.id, body, { 'x-viber-content-signature': signature })).status).toBe(200);
    expect((await post(channel.id, Buffer.concat([body, Buffer.from(' ')]), { 'x-viber-content-signature': signature })).status).toBe(401);
    expect((await messagesOf(channel.id, 1)).map((r) => [r.body, r.client_name])).toEqual([['a message to the service', 'John McClane']]);
    expect((await stored(channel.id)).map((e) => e.event_key)).toEqual(['4912661846655238145']);
  });

  it('OK: the token of the webhook URL decides, and by default only OK\'s documented addresses may call', async () => {
    const channel = await connect('odnoklassniki', { allowedSources: [] }, { accessToken: 'ok-token', webhookSecret: 'ok-url-token' });
    const body = channelFixture('ok', 'inbound', 'text_with_name_and_webhooktype.json');
    expect((await post(channel.id, body, {}, '?token=wrong')).status).toBe(401);
    expect((await post(channel.id, body, {}, '?token=ok-url-token')).status).toBe(200);
    expect((await messagesOf(channel.id, 1)).map((r) => [r.body, r.client_name])).toEqual([['text', 'John Smith']]);
    const ranged = await connect('odnoklassniki', { allowedSources: ['217.20.145.192/28'] }, { accessToken: 'ok-token', webhookSecret: 'ok-url-token' });
    // This test calls from 127.0.0.1, outside the range; a forged X-Omni-Remote-Address is overwritten by the server.
    expect((await post(ranged.id, body, { 'x-omni-remote-address': '217.20.145.193' }, '?token=ok-url-token')).status).toBe(401);
  });

  it('the credentials are stored sealed, never as plain JSON', async () => {
    const channel = await telegram();
    const [row] = await t.dataSource.query<{ secrets: string }[]>('SELECT secrets FROM channels WHERE id = $1', [channel.id]);
    expect(row?.secrets).toMatch(/^v1\./);
    expect(row?.secrets).not.toContain('test-token');
  });
});
