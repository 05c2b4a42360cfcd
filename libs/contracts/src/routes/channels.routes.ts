import { z } from 'zod';
import { idParamSchema } from '../admin';
import { adminChannelListSchema, adminChannelSchema, createChannelRequestSchema, updateChannelRequestSchema } from '../channels';
import { ErrorCode } from '../error-codes';
import { Permission } from '../permissions';
import { employeeAccess, publicAccess } from './access';
import { defineRoutes } from './define-route';

const channelsAdmin = employeeAccess(Permission.OmniSettings);

export const channelRoutes = defineRoutes('channels', {
  webhook: {
    summary: 'A messenger platform delivers an event (issue #11)',
    description:
      'Called by Telegram, VK, Viber or OK, never by people: the URL is shown in Settings → Channels. The request is checked by the platform\'s own mechanism (Telegram\'s secret-token header, VK\'s secret in the body, Viber\'s HMAC of the raw body, OK\'s token in the URL) and refused with WEBHOOK_UNVERIFIED otherwise; its events are stored under the platform\'s event id (a repeated delivery is stored once) before the answer the platform expects (VK: the plain text `ok`; VK\'s confirmation: the confirmation string). The answer is plain text, not JSON.',
    access: publicAccess,
    params: idParamSchema,
    download: true,
    crossSite: true,
    errors: { [ErrorCode.ChannelNotFound]: null, [ErrorCode.WebhookUnverified]: null, [ErrorCode.WebhookMalformed]: null },
  },
  file: {
    summary: 'A file of a reply, for the platform to download (Viber takes media by URL only)',
    description: 'The link is signed and expires after an hour; it opens that one file and nothing else (404 ATTACHMENT_NOT_FOUND otherwise).',
    access: publicAccess,
    params: z.object({ token: z.string().min(1).max(400) }),
    download: true,
    crossSite: true,
    errors: { [ErrorCode.AttachmentNotFound]: null },
  },
  list: {
    summary: 'Every connected channel with its health (Settings → Channels, SET-7)',
    description: 'Secrets are never returned: `secretsSet` names those stored. `webhookUrl` is built from PUBLIC_URL.',
    access: channelsAdmin,
    response: adminChannelListSchema,
  },
  create: {
    summary: 'Connect a messenger account (CHN-1)',
    description:
      'The credentials are checked with the platform (Telegram getMe, VK groups.getById, Viber get_account_info, OK me/info) and sealed at rest. With `registerWebhook` (the default) the webhook is registered where the platform has an API for it (Telegram setWebhook with a secret token, Viber set_webhook, OK subscribe); VK\'s callback server is entered in the community\'s settings by the administrator. A platform that refuses answers PLATFORM_REFUSED with its own words, and nothing is stored.',
    access: channelsAdmin,
    body: createChannelRequestSchema,
    response: adminChannelSchema,
    status: 201,
    errors: { [ErrorCode.DepartmentNotFound]: null, [ErrorCode.PlatformRefused]: null },
  },
  update: {
    summary: 'Rename, move, switch off or on, or change a channel\'s credentials',
    description: 'Secrets given replace those stored; secrets left out stay. New credentials are checked with the platform first (PLATFORM_REFUSED).',
    access: channelsAdmin,
    params: idParamSchema,
    body: updateChannelRequestSchema,
    response: adminChannelSchema,
    errors: { [ErrorCode.ChannelNotFound]: null, [ErrorCode.DepartmentNotFound]: null, [ErrorCode.PlatformRefused]: null },
  },
  remove: {
    summary: 'Delete a channel',
    description: 'The webhook is unregistered at the platform first (a failure there does not keep the channel). A channel with conversations is kept (CHANNEL_IN_USE): switch it off instead, so its history stays.',
    access: channelsAdmin,
    params: idParamSchema,
    errors: { [ErrorCode.ChannelNotFound]: null, [ErrorCode.ChannelInUse]: null },
  },
  registerWebhook: {
    summary: 'Register the channel\'s webhook with its platform now',
    description: 'For Telegram, Viber and OK. The result is in the channel\'s health; a refusal answers PLATFORM_REFUSED with the platform\'s words.',
    access: channelsAdmin,
    params: idParamSchema,
    response: adminChannelSchema,
    errors: { [ErrorCode.ChannelNotFound]: null, [ErrorCode.PlatformRefused]: null },
  },
});
