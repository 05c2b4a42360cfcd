import { z } from 'zod';
import { channelTypeSchema } from './channels';
import { channelTypes } from './constants';

/** Module settings of section 5 (edited by employees with PERM-3). */
export const omniSettingsSchema = z.object({
  /** SET-1: on completion, an employee's replies are combined into one reply in the ticket's history. */
  mergeRepliesOnComplete: z.boolean(),
  /** SET-3: which channel tabs the module shows. */
  displayedChannels: z.array(channelTypeSchema),
  /** SET-3: which ticket statuses the module shows (in the ticket list's filter and status menus). */
  displayedStatuses: z.array(z.string()),
  /** SET-5: show in the chat window how long the client has been waiting for a reply. */
  waitingTimer: z.boolean(),
  /** SET-6: chats in the list change colour as the client's waiting time passes these thresholds. */
  waitingColors: z.object({
    enabled: z.boolean(),
    warnAfterMinutes: z.number().int().min(1).max(1440),
    alertAfterMinutes: z.number().int().min(1).max(1440),
  }),
});
export type OmniSettings = z.infer<typeof omniSettingsSchema>;

export const defaultOmniSettings: OmniSettings = {
  mergeRepliesOnComplete: false,
  displayedChannels: [...channelTypes],
  displayedStatuses: ['open', 'in_progress', 'waiting', 'completed'],
  waitingTimer: true,
  waitingColors: { enabled: true, warnAfterMinutes: 2, alertAfterMinutes: 5 },
};

export const updateOmniSettingsRequestSchema = omniSettingsSchema
  .partial()
  .strict()
  .refine(
    (s) => !s.waitingColors || s.waitingColors.warnAfterMinutes < s.waitingColors.alertAfterMinutes,
    { message: 'The alert threshold must come after the warning threshold', path: ['waitingColors', 'alertAfterMinutes'] },
  );
export type UpdateOmniSettingsRequest = z.infer<typeof updateOmniSettingsRequestSchema>;
