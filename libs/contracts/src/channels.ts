import { z } from 'zod';
import { channelTypes } from './constants';

export const channelTypeSchema = z.enum(channelTypes);
export type ChannelType = z.infer<typeof channelTypeSchema>;

export const channelRefSchema = z.object({
  id: z.uuid(),
  type: channelTypeSchema,
  name: z.string(),
});
export type ChannelRef = z.infer<typeof channelRefSchema>;
