import { randomUUID } from 'node:crypto';
import type { ApiError, MessageSearchResult, TicketList, TicketSearchResult, VisitorMessage } from '@omnichannel/contracts';
import { authAs, createDepartment, createVisitor, createWidgetChannel } from '../../../test/factories';
import { http } from '../../../test/http';
import { useTestApp } from '../../../test/test-app';

/**
 * CORE-6: the plain ticket list's optional filters, alone and together, built by the SQL builder
 * (parameters number themselves, issue #9), always within what the employee may see (PERM-6).
 */
describe('ticket search (CORE-6)', () => {
  const t = useTestApp({ config: { WIDGET_SESSION_RATE_LIMIT: 10_000 } });
  let cookie: string;
  const ids: Record<string, string> = {};
  let support: string;

  beforeAll(async () => {
    const a = await createDepartment(t, 'Support');
    const b = await createDepartment(t, 'Sales');
    const hidden = await createDepartment(t, 'Hidden');
    support = a.id;
    const channels = { a: await createWidgetChannel(t, a.id), b: await createWidgetChannel(t, b.id), hidden: await createWidgetChannel(t, hidden.id) };
    const olga = await authAs(t, 'supervisor', { name: 'Olga', departments: [a.id, b.id] });
    cookie = olga.cookie;
    const write = async (name: string, key: string, body: string) => {
      const visitor = await createVisitor(t, key);
      const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body, clientMsgId: randomUUID() } });
      ids[name] = sent.body.ticketId;
    };
    await write('refund', channels.a.publicKey as string, 'Refund for order 100% please');
    await write('delivery', channels.a.publicKey as string, 'Where is my delivery?');
    await write('price', channels.b.publicKey as string, 'What is the price of delivery?');
    await write('secret', channels.hidden.publicKey as string, 'Delivery question nobody here may see');
    await write('russian', channels.b.publicKey as string, 'Здравствуйте, где мой заказ 4411? Доставка задерживается');
    const [price] = await t.dataSource.query<{ client_id: string }[]>('SELECT client_id FROM tickets WHERE id = $1', [ids.price]);
    await t.dataSource.query(`UPDATE clients SET phone = '+7 (912) 345-67-89', name = 'Анна Смирнова' WHERE id = $1`, [price?.client_id]);
    // The refund conversation is over (ticket completed).
    await http(t.url, 'POST', `/api/tickets/${ids.refund}/take`, { cookie });
    await http(t.url, 'POST', `/api/tickets/${ids.refund}/complete`, { cookie });
  });

  async function search(query: string): Promise<string[]> {
    const result = await http<TicketSearchResult>(t.url, 'GET', `/api/tickets/search${query}`, { cookie });
    expect(result.status).toBe(200);
    expect(result.body.total).toBe(result.body.items.length);
    const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    return result.body.items.map((i) => names[i.id] ?? i.id).sort();
  }

  it('without filters: every visible ticket, never another department\'s', async () => {
    expect(await search('')).toEqual(['delivery', 'price', 'refund', 'russian']);
  });

  it('each filter alone', async () => {
    expect(await search('?q=delivery')).toEqual(['delivery', 'price']);
    expect(await search('?q=SMIRN')).toEqual([]);
    expect(await search(`?q=${encodeURIComponent('смирн')}`)).toEqual(['price']);
    expect(await search('?status=completed')).toEqual(['refund']);
    expect(await search(`?departmentId=${support}`)).toEqual(['delivery', 'refund']);
    expect(await search('?live=true')).toEqual(['delivery', 'price', 'russian']);
    expect(await search('?live=false')).toEqual(['refund']);
  });

  it('filters together', async () => {
    expect(await search(`?q=delivery&departmentId=${support}&live=true`)).toEqual(['delivery']);
    expect(await search(`?q=refund&status=open`)).toEqual([]);
  });

  it('text is matched literally ("%" and "_" are not wildcards), and a ticket number finds its ticket', async () => {
    expect(await search(`?q=${encodeURIComponent('100%')}`)).toEqual(['refund']);
    // Without three letters or digits in a row there is nothing for the trigram index to look up: such a
    // text matches names and emails that start with it (issue #19: no search reads a whole table).
    expect(await search(`?q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await search(`?q=${encodeURIComponent('Ан')}`)).toEqual(['price']);
    expect(await search(`?q=${encodeURIComponent('_')}`)).toEqual([]);
    const [row] = await t.dataSource.query<{ number: number }[]>('SELECT number FROM tickets WHERE id = $1', [ids.price]);
    expect(await search(`?q=${row?.number ?? 0}`)).toEqual(['price']);
  });

  it('a phone number is found whatever its formatting (issue #19)', async () => {
    expect(await search(`?q=${encodeURIComponent('912 345')}`)).toEqual(['price']);
    expect(await search(`?q=${encodeURIComponent('+79123456789')}`)).toEqual(['price']);
    expect(await search(`?q=${encodeURIComponent('345-67-8')}`)).toEqual(['price']);
  });

  it('pages by cursor, with the exact total, and refuses a cursor that is not this search\'s (issue #19)', async () => {
    const first = await http<TicketSearchResult>(t.url, 'GET', '/api/tickets/search?pageSize=3', { cookie });
    expect(first.body).toMatchObject({ total: 4, totalExact: true });
    expect(first.body.items).toHaveLength(3);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const second = await http<TicketSearchResult>(t.url, 'GET', `/api/tickets/search?pageSize=3&cursor=${cursor}`, { cookie });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items];
    expect(all.map((i) => i.number)).toEqual([...all.map((i) => i.number)].sort((x, y) => y - x));
    expect(all.map((i) => i.id).sort()).toEqual([ids.delivery, ids.price, ids.refund, ids.russian].sort());

    const refused = async (path: string) => {
      const answer = await http<ApiError>(t.url, 'GET', path, { cookie });
      expect({ path, status: answer.status, code: answer.body.code }).toEqual({ path, status: 400, code: 'INVALID_CURSOR' });
    };
    await refused(`/api/tickets/search?pageSize=3&q=delivery&cursor=${cursor}`); // another search's
    await refused(`/api/tickets?view=unassigned&cursor=${cursor}`); // another list's
    await refused('/api/tickets/search?cursor=not-a-cursor');
    await refused(`/api/tickets/search?cursor=${Buffer.from('[1,2,3]').toString('base64url')}`);
    const tag = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, number];
    await refused(`/api/tickets/search?pageSize=3&cursor=${Buffer.from(JSON.stringify([tag[0], -5])).toString('base64url')}`);
    const live = await http<TicketList>(t.url, 'GET', '/api/tickets?view=channel&channel=widget&limit=1', { cookie });
    const [liveTag, , id] = JSON.parse(Buffer.from(live.body.nextCursor as string, 'base64url').toString()) as [string, string, string];
    await refused(`/api/tickets?view=channel&channel=widget&cursor=${Buffer.from(JSON.stringify([liveTag, '2026-02-30 10:00:00+00', id])).toString('base64url')}`);
    await refused(`/api/tickets?view=channel&channel=widget&cursor=${Buffer.from(JSON.stringify([liveTag, '2026-02-01 10:00:00+00', 'x'])).toString('base64url')}`);
  });

  it('the live lists page by cursor through every live conversation (issue #19)', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: TicketList } = await http<TicketList>(t.url, 'GET', `/api/tickets?view=channel&channel=widget&limit=1${cursor ? `&cursor=${cursor}` : ''}`, { cookie });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([ids.delivery, ids.price, ids.russian].sort());
  });

  async function searchText(q: string, extra = ''): Promise<MessageSearchResult> {
    const result = await http<MessageSearchResult>(t.url, 'GET', `/api/tickets/search/messages?q=${encodeURIComponent(q)}${extra}`, { cookie });
    expect(result.status).toBe(200);
    return result.body;
  }

  it('finds words in the text of every visible conversation, by their forms, with the words marked (issue #19)', async () => {
    const delivery = await searchText('delivery');
    expect(delivery.items.map((h) => h.ticket.id).sort()).toEqual([ids.delivery, ids.price].sort()); // never the hidden department's
    for (const hit of delivery.items) {
      expect(hit.message.highlights.length).toBeGreaterThan(0);
      for (const [start, end] of hit.message.highlights) expect(hit.message.snippet.slice(start, end).toLowerCase()).toBe('delivery');
    }
    // Russian word forms: "заказы" finds "заказ", "доставку" finds "Доставка"; a number is a word too.
    const order = await searchText('заказы');
    expect(order.items.map((h) => h.ticket.id)).toEqual([ids.russian]);
    expect(order.items[0]?.ticket.client.name).toEqual(expect.any(String));
    expect((await searchText('доставку 4411')).items.map((h) => h.ticket.id)).toEqual([ids.russian]);
    const marked = (await searchText('доставку')).items[0]?.message;
    expect(marked && marked.highlights.map(([a, b]) => marked.snippet.slice(a, b))).toEqual(['Доставка']);
    // A short message is its own snippet, punctuation included.
    expect(marked?.snippet).toBe('Здравствуйте, где мой заказ 4411? Доставка задерживается');
    expect((await searchText('nothing-like-this')).items).toEqual([]);
  });

  it('pages text search results newest first by cursor (issue #19)', async () => {
    const first = await searchText('delivery', '&pageSize=1');
    expect(first.items).toHaveLength(1);
    const second = await searchText('delivery', `&pageSize=1&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect((first.items[0]?.message.createdAt ?? '') >= (second.items[0]?.message.createdAt ?? '')).toBe(true);
    const refused = await http<ApiError>(t.url, 'GET', `/api/tickets/search/messages?q=price&cursor=${first.nextCursor}`, { cookie });
    expect([refused.status, refused.body.code]).toEqual([400, 'INVALID_CURSOR']);
  });

  it('any text, of any length or alphabet, is a clear answer: results or none, never a 500', async () => {
    const texts = ['%', '_', '\\', "' OR 1=1 --", '🚲'.repeat(50), 'ـ'.repeat(120), 'x'.repeat(200), 'a b c d e f', '!!!', '"', 'a & b | !c', '<script>', '\u202Edelivery'];
    for (const q of texts) {
      for (const path of ['/api/tickets/search', '/api/tickets/search/messages']) {
        const answer = await http(t.url, 'GET', `${path}?q=${encodeURIComponent(q)}`, { cookie });
        expect({ q, path, status: answer.status }).toEqual({ q, path, status: 200 });
      }
    }
    const tooLong = await http<ApiError>(t.url, 'GET', `/api/tickets/search/messages?q=${'x'.repeat(201)}`, { cookie });
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const empty = await http<ApiError>(t.url, 'GET', '/api/tickets/search/messages?q=', { cookie });
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
