import type { MessengerType } from '@omnichannel/contracts';
import type { AppConfig } from '../../../config/app-config';
import { OkClient } from './ok/ok.client';
import type { BaseSettings, PlatformClient } from './platform-client';
import { TelegramClient } from './telegram/telegram.client';
import { ViberClient } from './viber/viber.client';
import { VkClient } from './vk/vk.client';

export type PlatformClients = Record<MessengerType, PlatformClient<BaseSettings, never>>;

/** Each messenger's outbound client, at the API address the environment names (CHN-6); a channel's own setting wins. */
export function platformClients(config: Pick<AppConfig, 'TELEGRAM_API_BASE' | 'VK_API_BASE' | 'VIBER_API_BASE' | 'OK_API_BASE'>): PlatformClients {
  return {
    telegram: new TelegramClient(config.TELEGRAM_API_BASE),
    vk: new VkClient(config.VK_API_BASE),
    viber: new ViberClient(config.VIBER_API_BASE),
    odnoklassniki: new OkClient(config.OK_API_BASE),
  };
}

export const PLATFORM_CLIENTS = Symbol('PLATFORM_CLIENTS');
