/**
 * The postMessage protocol between the loader (on the host page) and the chat app (in the frame).
 * Both sides check who sent a message and its shape before acting on it: the host page and any other
 * frame can post anything to either window.
 */

export type Lang = 'ru' | 'en';

export interface HostUser {
  name?: string;
  email?: string;
}

export interface HostPage {
  url: string;
  referrer: string;
}

/** Events the host page can subscribe to with `Omnichannel.on` (WGT-11). */
export type WidgetEventName = 'message' | 'open' | 'close' | 'chat-start';

export type AppToLoaderMessage =
  | { type: 'omni:ready' }
  | { type: 'omni:state'; open: boolean; unread: number }
  | { type: 'omni:event'; name: WidgetEventName; data?: unknown };

export type WidgetCommand = 'open' | 'close' | 'toggle';

export type LoaderToAppMessage =
  | { type: 'omni:context'; page: HostPage; user?: HostUser }
  | { type: 'omni:command'; command: WidgetCommand }
  | { type: 'omni:set-user'; user: HostUser };

const EVENT_NAMES: readonly string[] = ['message', 'open', 'close', 'chat-start'] satisfies WidgetEventName[];
const COMMANDS: readonly string[] = ['open', 'close', 'toggle'] satisfies WidgetCommand[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

export function isHostUser(value: unknown): value is HostUser {
  return isRecord(value) && isOptionalString(value.name) && isOptionalString(value.email);
}

export function isAppToLoaderMessage(value: unknown): value is AppToLoaderMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'omni:ready':
      return true;
    case 'omni:state':
      return typeof value.open === 'boolean' && typeof value.unread === 'number';
    case 'omni:event':
      return typeof value.name === 'string' && EVENT_NAMES.includes(value.name);
    default:
      return false;
  }
}

export function isLoaderToAppMessage(value: unknown): value is LoaderToAppMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'omni:context': {
      const page = value.page;
      return (
        isRecord(page) &&
        typeof page.url === 'string' &&
        typeof page.referrer === 'string' &&
        (value.user === undefined || isHostUser(value.user))
      );
    }
    case 'omni:command':
      return typeof value.command === 'string' && COMMANDS.includes(value.command);
    case 'omni:set-user':
      return isHostUser(value.user);
    default:
      return false;
  }
}
