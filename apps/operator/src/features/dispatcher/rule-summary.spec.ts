import { createInstance, type TFunction } from 'i18next';
import en from '../../locales/en.json';
import { ruleSummary, type RuleNames } from './rule-summary';

let t: TFunction;
beforeAll(async () => {
  const i18n = createInstance();
  await i18n.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  t = i18n.t;
});

const names: RuleNames = {
  group: (id) => ({ g1: 'First line' })[id] ?? id,
  department: (id) => ({ d1: 'Support', d2: 'Sales' })[id] ?? id,
  status: (code) => code,
  template: (id) => ({ t1: 'Greeting' })[id] ?? id,
  operatorStatus: (code) => ({ away: 'Away' })[code] ?? code,
};

describe('ruleSummary', () => {
  it('reads as one line: trigger, conditions, actions', () => {
    expect(
      ruleSummary(
        {
          trigger: { type: 'ticket.created' },
          conditions: [
            { type: 'channel', channels: ['widget'] },
            { type: 'text', contains: 'refund' },
          ],
          actions: [{ type: 'assign', groupId: 'g1', strategy: 'least-busy', preferPrevious: false }],
        },
        t,
        names,
      ),
    ).toBe('When a new request arrives · if channel is Chat and text contains “refund” → assign to First line (least busy)');
  });

  it('names minutes, statuses, departments and several actions', () => {
    expect(
      ruleSummary(
        {
          trigger: { type: 'ticket.unanswered', minutes: 15 },
          conditions: [{ type: 'department', departmentIds: ['d1', 'd2'] }],
          actions: [
            { type: 'set-priority', priority: 'urgent' },
            { type: 'send-template', templateId: 't1' },
          ],
        },
        t,
        names,
      ),
    ).toBe('When a request is unanswered for 15 min · if department is Support or Sales → set Urgent, reply with template “Greeting”');
    expect(ruleSummary({ trigger: { type: 'operator.status-changed', toStatus: 'away' }, conditions: [], actions: [{ type: 'change-status', status: 'waiting' }] }, t, names)).toBe(
      'When an operator becomes Away → set status waiting',
    );
  });
});
