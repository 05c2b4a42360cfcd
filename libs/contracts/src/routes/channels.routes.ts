import { idParamSchema } from '../admin';
import { ErrorCode } from '../error-codes';
import { publicAccess } from './access';
import { defineRoutes } from './define-route';

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
});
