import { z } from 'zod';

/** The sources a ticket can come from. Only `widget` is wired in the foundation; the rest plug in later. */
export const channelTypes = [
  'widget',
  'telegram',
  'vk',
  'viber',
  'odnoklassniki',
  'whatsapp',
  'facebook',
  'instagram',
] as const;
export const channelTypeSchema = z.enum(channelTypes);
export type ChannelType = z.infer<typeof channelTypeSchema>;

export const channelRefSchema = z.object({
  id: z.uuid(),
  type: channelTypeSchema,
  name: z.string(),
});
export type ChannelRef = z.infer<typeof channelRefSchema>;
