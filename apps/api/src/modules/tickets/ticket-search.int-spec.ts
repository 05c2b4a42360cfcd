import { randomUUID } from 'node:crypto';
import type { TicketSearchResult, VisitorMessage } from '@omnichannel/contracts';
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
    expect(await search('')).toEqual(['delivery', 'price', 'refund']);
  });

  it('each filter alone', async () => {
    expect(await search('?q=delivery')).toEqual(['delivery', 'price']);
    expect(await search('?status=completed')).toEqual(['refund']);
    expect(await search(`?departmentId=${support}`)).toEqual(['delivery', 'refund']);
    expect(await search('?live=true')).toEqual(['delivery', 'price']);
    expect(await search('?live=false')).toEqual(['refund']);
  });

  it('filters together', async () => {
    expect(await search(`?q=delivery&departmentId=${support}&live=true`)).toEqual(['delivery']);
    expect(await search(`?q=refund&status=open`)).toEqual([]);
  });

  it('text is matched literally ("%" and "_" are not wildcards), and a ticket number finds its ticket', async () => {
    expect(await search(`?q=${encodeURIComponent('100%')}`)).toEqual(['refund']);
    expect(await search(`?q=${encodeURIComponent('%')}`)).toEqual(['refund']);
    expect(await search(`?q=${encodeURIComponent('_')}`)).toEqual([]);
    const [row] = await t.dataSource.query<{ number: number }[]>('SELECT number FROM tickets WHERE id = $1', [ids.price]);
    expect(await search(`?q=${row?.number ?? 0}`)).toEqual(['price']);
  });

  it('pages', async () => {
    const first = await http<TicketSearchResult>(t.url, 'GET', '/api/tickets/search?pageSize=2&page=1', { cookie });
    const second = await http<TicketSearchResult>(t.url, 'GET', '/api/tickets/search?pageSize=2&page=2', { cookie });
    expect(first.body.total).toBe(3);
    expect(second.body.total).toBe(3);
    expect([...first.body.items, ...second.body.items].map((i) => i.id).sort()).toEqual([ids.delivery, ids.price, ids.refund].sort());
  });
});
