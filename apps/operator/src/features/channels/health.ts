import type { AdminChannel } from '@omnichannel/contracts';

// How a channel is doing, in words (SET-7): pure, so the page only renders what these decide.

/** Where the channel's webhook stands, from the last thing its platform told us. */
export type WebhookState =
  /** The widget: nothing to register. */
  | { kind: 'none' }
  /** The last registration failed; `reason` is the platform's words. */
  | { kind: 'failed'; reason: string }
  | { kind: 'registered'; at: string }
  /** VK has no API for it: the administrator enters the address in the community's settings. */
  | { kind: 'manual' }
  | { kind: 'notRegistered' };

export function webhookState(channel: Pick<AdminChannel, 'webhookUrl' | 'canRegisterWebhook' | 'health'>): WebhookState {
  if (channel.webhookUrl === null) return { kind: 'none' };
  // The error is about the latest attempt, so it wins over an older success.
  if (channel.health.webhookError) return { kind: 'failed', reason: channel.health.webhookError };
  if (channel.health.webhookRegisteredAt) return { kind: 'registered', at: channel.health.webhookRegisteredAt };
  return channel.canRegisterWebhook ? { kind: 'notRegistered' } : { kind: 'manual' };
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "5 minutes ago" / "5 минут назад" in the interface's language; under a minute, `justNow` (Intl's own
 * "now" reads oddly after "Registered"). A moment in the future (a clock a little ahead of ours) counts as
 * just now.
 */
export function relativeTime(iso: string, now: number, language: string, justNow: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 45) return justNow;
  if (seconds < HOUR) return format.format(-Math.max(1, Math.round(seconds / MINUTE)), 'minute');
  if (seconds < DAY) return format.format(-Math.round(seconds / HOUR), 'hour');
  if (seconds < 30 * DAY) return format.format(-Math.round(seconds / DAY), 'day');
  if (seconds < 365 * DAY) return format.format(-Math.round(seconds / (30 * DAY)), 'month');
  return format.format(-Math.round(seconds / (365 * DAY)), 'year');
}

/** The exact moment, for a tooltip beside the relative one. */
export function exactTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
