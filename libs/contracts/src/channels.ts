import { z } from 'zod';
import { MAX_URL_LENGTH, channelTypes } from './constants';
import { uuidSchema } from './common';

export const channelTypeSchema = z.enum(channelTypes);
export type ChannelType = z.infer<typeof channelTypeSchema>;

export const channelRefSchema = z.object({
  id: z.uuid(),
  type: channelTypeSchema,
  name: z.string(),
});
export type ChannelRef = z.infer<typeof channelRefSchema>;

// ---------------------------------------------------------------- messenger accounts (CHN-1, SET-7, issue #11)

/** The messengers an administrator connects from Settings → Channels today (the Meta three come with issue #12). */
export const messengerTypes = ['telegram', 'vk', 'viber', 'odnoklassniki'] as const satisfies readonly ChannelType[];
export type MessengerType = (typeof messengerTypes)[number];
export const messengerTypeSchema = z.enum(messengerTypes);

export function isMessenger(type: ChannelType): type is MessengerType {
  return (messengerTypes as readonly string[]).includes(type);
}

const secretText = (what: string) => z.string().trim().min(1, `${what} is required`).max(1000, `${what} must be at most 1000 characters`);

/**
 * CHN-6: where the platform's API is; empty means the platform's own address. Tests and the demo point it
 * at a local fake, a company at its proxy.
 */
const apiBaseUrlSchema = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH)
  .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/i, 'API address must be an http(s) address')
  .transform((url) => url.replace(/\/+$/, ''))
  .nullable()
  .default(null);

/**
 * Per platform: what an administrator types in. Settings are shown back as they are; secrets are sealed at
 * rest and never returned (the SPA sees only which are set). A secret we generate ourselves (Telegram's and
 * OK's webhook secret) is not asked for.
 */
export const messengerInputSchemas = {
  telegram: {
    settings: z.object({ apiBaseUrl: apiBaseUrlSchema }).strict(),
    secrets: z.object({ botToken: secretText('Bot token').regex(/^\d+:[\w-]+$/, 'A bot token looks like 123456:ABC-DEF… (from @BotFather)') }).strict(),
  },
  vk: {
    settings: z.object({ apiBaseUrl: apiBaseUrlSchema, groupId: z.number().int().positive('Community id is a positive number') }).strict(),
    secrets: z.object({ accessToken: secretText('Community token'), secret: secretText('Secret key'), confirmation: secretText('Confirmation string') }).strict(),
  },
  viber: {
    settings: z
      .object({
        apiBaseUrl: apiBaseUrlSchema,
        senderName: z.string().trim().min(1, 'Sender name is required').max(28, 'Viber allows at most 28 characters'),
        senderAvatar: z.string().trim().max(MAX_URL_LENGTH).regex(/^https?:\/\/\S+$/i, 'Avatar must be an http(s) address').nullable().default(null),
      })
      .strict(),
    secrets: z.object({ authToken: secretText('Auth token') }).strict(),
  },
  odnoklassniki: {
    settings: z
      .object({
        apiBaseUrl: apiBaseUrlSchema,
        /** IPv4 ranges OK's webhooks may come from: null, OK's published ranges; an empty list, any address. */
        allowedSources: z.array(z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'A source is an IPv4 range such as 217.20.144.0/20')).max(100).nullable().default(null),
      })
      .strict(),
    secrets: z.object({ accessToken: secretText('Group token') }).strict(),
  },
} as const satisfies Record<MessengerType, { settings: z.ZodType; secrets: z.ZodType }>;

export type MessengerSettings<T extends MessengerType> = z.infer<(typeof messengerInputSchemas)[T]['settings']>;
export type MessengerSecrets<T extends MessengerType> = z.infer<(typeof messengerInputSchemas)[T]['secrets']>;

const channelNameSchema = z.string().trim().min(1, 'Name is required').max(200, 'Name must be at most 200 characters');

const createVariant = <T extends MessengerType>(type: T) =>
  z
    .object({
      type: z.literal(type),
      name: channelNameSchema,
      departmentId: uuidSchema,
      settings: messengerInputSchemas[type].settings,
      secrets: messengerInputSchemas[type].secrets,
      /** Register the webhook with the platform right away, where it has an API for it (CHN-1). */
      registerWebhook: z.boolean().default(true),
    })
    .strict();

export const createChannelRequestSchema = z.discriminatedUnion('type', [
  createVariant('telegram'),
  createVariant('vk'),
  createVariant('viber'),
  createVariant('odnoklassniki'),
]);
export type CreateChannelRequest = z.input<typeof createChannelRequestSchema>;

/**
 * What changes: `settings`, when given, replace the channel's settings whole and are checked against its
 * platform; secrets given replace those stored, secrets left out stay (the SPA never has them to send back).
 */
export const updateChannelRequestSchema = z
  .object({
    name: channelNameSchema.optional(),
    departmentId: uuidSchema.optional(),
    enabled: z.boolean().optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type UpdateChannelRequest = z.input<typeof updateChannelRequestSchema>;

/** How a channel is doing, from what it received and what its platform answered (SET-7). */
export const channelHealthSchema = z.object({
  /** The last event the platform delivered (any kind), null: none yet. */
  lastEventAt: z.string().nullable(),
  eventsLastDay: z.number().int(),
  /** The last event we could not apply, or the last send the platform refused. */
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  /** When the platform last confirmed our webhook; null: not registered (or the platform has no API for it). */
  webhookRegisteredAt: z.string().nullable(),
  /** Why the last registration failed (the platform's words); a successful registration clears it. */
  webhookError: z.string().nullable(),
});
export type ChannelHealth = z.infer<typeof channelHealthSchema>;

export const adminChannelSchema = z.object({
  id: uuidSchema,
  type: channelTypeSchema,
  name: z.string(),
  departmentId: uuidSchema,
  enabled: z.boolean(),
  /** The platform's settings as entered (no secrets among them). */
  settings: z.record(z.string(), z.unknown()),
  /** The names of the secrets that are stored: shown as "set", never their values. */
  secretsSet: z.array(z.string()),
  /** Where the platform sends events (from PUBLIC_URL); null for the widget. */
  webhookUrl: z.string().nullable(),
  /** Whether the platform lets us register the webhook ourselves (VK: the administrator pastes it). */
  canRegisterWebhook: z.boolean(),
  /** The account on the platform, as it told us (Telegram's @bot, Viber's account name). */
  accountName: z.string().nullable(),
  health: channelHealthSchema,
  createdAt: z.string(),
});
export type AdminChannel = z.infer<typeof adminChannelSchema>;

export const adminChannelListSchema = z.object({ items: z.array(adminChannelSchema) });
export type AdminChannelList = z.infer<typeof adminChannelListSchema>;
