import type { ChannelType } from '@omnichannel/contracts';
import { okProtocol } from './ok/ok.protocol';
import type { PlatformProtocol } from './platform-protocol';
import { telegramProtocol } from './telegram/telegram.protocol';
import { viberProtocol } from './viber/viber.protocol';
import { vkProtocol } from './vk/vk.protocol';

/**
 * The messengers whose webhooks the API takes (issue #11). Settings and secrets reach a protocol as the
 * channel stored them; each protocol reads only its own fields.
 */
export const PROTOCOLS: Partial<Record<ChannelType, PlatformProtocol<never, never>>> = {
  telegram: telegramProtocol,
  vk: vkProtocol,
  viber: viberProtocol,
  odnoklassniki: okProtocol,
};
