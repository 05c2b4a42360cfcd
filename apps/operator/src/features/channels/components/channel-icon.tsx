import type { ChannelType } from '@omnichannel/contracts';
import { IconBrandFacebook, IconBrandInstagram, IconBrandTelegram, IconBrandViber, IconBrandVk, IconBrandWhatsapp, IconMessageCircle, IconWorld } from '@tabler/icons-react';

// The same icons as the channel tabs of the left navigation (app/layout.tsx), so a platform looks alike everywhere.
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
