import type { MessengerType } from '@omnichannel/contracts';

/**
 * What the connect and edit forms ask for, per platform: one entry per key of the platform's settings and
 * secrets schemas in the contract (channel-form.spec.ts fails when they drift apart). The schemas say what
 * is valid; this says how to ask for it: the kind of input, the order, and which fields hide under
 * "Advanced".
 */
export interface PlatformField {
  key: string;
  part: 'settings' | 'secrets';
  /** `secret`: a PasswordInput, never shown back; `list`: comma-separated values; `integer`: digits. */
  kind: 'text' | 'secret' | 'integer' | 'url' | 'list';
  /** May stay empty (sent as null). */
  optional?: boolean;
  advanced?: boolean;
  maxLength?: number;
  /** Its label, help and format hint are the same for every platform (`channels.fields.<key>.*`). */
  shared?: boolean;
  /** It has its own text for a value of the wrong shape (`….format`). */
  formatHint?: boolean;
}

/** CHN-6: every platform's API address, empty for the platform's own. */
const apiBaseUrl: PlatformField = { key: 'apiBaseUrl', part: 'settings', kind: 'url', optional: true, advanced: true, shared: true, formatHint: true };

export const platformFields: { readonly [T in MessengerType]: readonly PlatformField[] } = {
  telegram: [{ key: 'botToken', part: 'secrets', kind: 'secret', formatHint: true }, apiBaseUrl],
  vk: [
    { key: 'groupId', part: 'settings', kind: 'integer', formatHint: true },
    { key: 'accessToken', part: 'secrets', kind: 'secret' },
    { key: 'secret', part: 'secrets', kind: 'secret' },
    { key: 'confirmation', part: 'secrets', kind: 'secret' },
    apiBaseUrl,
  ],
  viber: [
    { key: 'authToken', part: 'secrets', kind: 'secret' },
    { key: 'senderName', part: 'settings', kind: 'text', maxLength: 28 },
    { key: 'senderAvatar', part: 'settings', kind: 'url', optional: true, formatHint: true },
    apiBaseUrl,
  ],
  odnoklassniki: [
    { key: 'accessToken', part: 'secrets', kind: 'secret' },
    { key: 'allowedSources', part: 'settings', kind: 'list', optional: true, advanced: true, formatHint: true },
    apiBaseUrl,
  ],
};

/** The form's name for a field, which is also the path the API's validation issues name it by. */
export function fieldId(field: PlatformField): string {
  return `${field.part}.${field.key}`;
}

/** Where a field's label, help and format hint are in the locale files. */
export function fieldTextKey(type: MessengerType, field: PlatformField): string {
  return field.shared ? `channels.fields.${field.key}` : `channels.fields.${type}.${field.key}`;
}
