import type { ChannelType } from '@omnichannel/contracts';
import { IconBrandFacebook, IconBrandInstagram, IconBrandTelegram, IconBrandViber, IconBrandVk, IconBrandWhatsapp, IconMessageCircle, IconWorld } from '@tabler/icons-react';

// Each platform's icon, the same in the left navigation's channel tabs (NAV-4) and in Settings → Channels.
const icons = {
  widget: IconWorld,
  facebook: IconBrandFacebook,
  vk: IconBrandVk,
  viber: IconBrandViber,
  odnoklassniki: IconMessageCircle,
  telegram: IconBrandTelegram,
  instagram: IconBrandInstagram,
  whatsapp: IconBrandWhatsapp,
} satisfies Record<ChannelType, unknown>;

export function ChannelIcon({ type, size = 18 }: { type: ChannelType; size?: number }) {
  const Icon = icons[type];
  return <Icon size={size} />;
}
