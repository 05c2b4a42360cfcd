import type { AdminChannel } from '@omnichannel/contracts';
import { relativeTime, webhookState } from './health';

const health: AdminChannel['health'] = { lastEventAt: null, eventsLastDay: 0, lastError: null, lastErrorAt: null, webhookRegisteredAt: null, webhookError: null };
const url = 'https://chat.example/api/channels/c1/webhook';

describe('webhookState', () => {
  it('has nothing to say for the widget', () => {
    expect(webhookState({ webhookUrl: null, canRegisterWebhook: false, health })).toEqual({ kind: 'none' });
  });

  it('tells registered, not registered and entered by hand (VK) apart', () => {
    expect(webhookState({ webhookUrl: url, canRegisterWebhook: true, health: { ...health, webhookRegisteredAt: '2026-03-01T10:00:00Z' } })).toEqual({
      kind: 'registered',
      at: '2026-03-01T10:00:00Z',
    });
    expect(webhookState({ webhookUrl: url, canRegisterWebhook: true, health })).toEqual({ kind: 'notRegistered' });
    expect(webhookState({ webhookUrl: url, canRegisterWebhook: false, health })).toEqual({ kind: 'manual' });
  });

  it('shows the platform\'s refusal of the latest attempt over an older success', () => {
    const failed = { ...health, webhookRegisteredAt: '2026-03-01T10:00:00Z', webhookError: 'Bad Request: bad webhook: HTTPS url must be provided' };
    expect(webhookState({ webhookUrl: url, canRegisterWebhook: true, health: failed })).toEqual({ kind: 'failed', reason: 'Bad Request: bad webhook: HTTPS url must be provided' });
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it('says how long ago in English', () => {
    expect(relativeTime(ago(10), now, 'en', 'just now')).toBe('just now');
    expect(relativeTime(ago(5 * 60), now, 'en', 'just now')).toBe('5 minutes ago');
    expect(relativeTime(ago(50), now, 'en', 'just now')).toBe('1 minute ago');
    expect(relativeTime(ago(3 * 3600), now, 'en', 'just now')).toBe('3 hours ago');
    expect(relativeTime(ago(26 * 3600), now, 'en', 'just now')).toBe('yesterday');
    expect(relativeTime(ago(40 * 86400), now, 'en', 'just now')).toBe('last month');
    expect(relativeTime(ago(800 * 86400), now, 'en', 'just now')).toBe('2 years ago');
  });

  it('and in Russian, with its plural forms', () => {
    expect(relativeTime(ago(5 * 60), now, 'ru', 'только что')).toBe('5 минут назад');
    expect(relativeTime(ago(2 * 60), now, 'ru', 'только что')).toBe('2 минуты назад');
    expect(relativeTime(ago(21 * 3600), now, 'ru', 'только что')).toBe('21 час назад');
  });

  it('counts a moment a little in the future (a clock ahead of ours) as just now', () => {
    expect(relativeTime(new Date(now + 90_000).toISOString(), now, 'en', 'just now')).toBe('just now');
  });
});
