import { decide, type QueuedTicket } from './dispatcher.service';

const G = 'group-1';
const D = 'dept-1';
const ticket = (id: string, extra: Partial<QueuedTicket> = {}): QueuedTicket => ({
  id,
  department_id: D,
  client_id: `client-${id}`,
  queue_group_id: G,
  queue_strategy: 'least-busy',
  queue_prefer_previous: false,
  queue_rule_name: 'Rule',
  queue_exclude_id: null,
  ...extra,
});
const operator = (id: string, active: number, limit: number, last: number | null = null, extra: { groups?: string[]; departments?: string[] } = {}) => ({
  id,
  name: id,
  active_chats: active,
  chat_limit: limit,
  last_assigned_at: last === null ? null : new Date(last),
  group_ids: extra.groups ?? [G],
  department_ids: extra.departments ?? [D],
});
const owners = (decisions: ReturnType<typeof decide>) => decisions.map((d) => `${d.ticket.id}→${d.operator.id}`);

describe('the dispatcher chooses (DSP-4, DSP-5)', () => {
  it('least busy first, never above a limit; the rest wait in arrival order', () => {
    const result = decide([ticket('t1'), ticket('t2'), ticket('t3'), ticket('t4')], [operator('anna', 1, 2), operator('boris', 0, 1)], new Map());
    expect(owners(result)).toEqual(['t1→boris', 't2→anna']);
  });

  it('round robin takes turns by the time of the last chat, whatever the load', () => {
    const queue = ['t1', 't2', 't3'].map((id) => ticket(id, { queue_strategy: 'round-robin' }));
    const result = decide(queue, [operator('kate', 0, 5, 2_000), operator('lev', 3, 5, 1_000), operator('mia', 1, 5, null)], new Map());
    expect(owners(result)).toEqual(['t1→mia', 't2→lev', 't3→kate']);
  });

  it('the previous executor goes first when asked and has room; the excluded executor never', () => {
    const result = decide(
      [ticket('t1', { queue_prefer_previous: true }), ticket('t2', { queue_exclude_id: 'anna' })],
      [operator('anna', 2, 3), operator('boris', 0, 3)],
      new Map([['client-t1', 'anna']]),
    );
    expect(owners(result)).toEqual(['t1→anna', 't2→boris']);
  });

  it('only members of the group who work in the department', () => {
    const result = decide(
      [ticket('t1'), ticket('t2', { department_id: 'dept-2' })],
      [operator('outsider', 0, 5, null, { groups: ['other'] }), operator('elsewhere', 0, 5, null, { departments: ['dept-2'] })],
      new Map(),
    );
    expect(owners(result)).toEqual(['t2→elsewhere']);
  });
});
