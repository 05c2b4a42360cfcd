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
  /** DSP-4: how many live chats the dispatcher gives one operator, unless the operator has their own limit. */
  defaultChatLimit: z.number().int().min(1).max(100),
  /** DSP-2: seconds after an employee's last connection closes before they become offline. */
  offlineGraceSeconds: z.number().int().min(0).max(86_400),
  /** SET-4: an employee holding live requests in these ticket statuses cannot switch to offline. */
  forbidOfflineStatuses: z.array(z.string()).max(50),
  /** DSP-6: when the executor goes offline, their live requests are handed out again. */
  reassignOnOffline: z.boolean(),
  /** DSP-6: a request whose executor has not replied for this many minutes goes to someone else; null = never. */
  reassignAfterMinutes: z.number().int().min(1).max(1440).nullable(),
});
export type OmniSettings = z.infer<typeof omniSettingsSchema>;

export const defaultOmniSettings: OmniSettings = {
  mergeRepliesOnComplete: false,
  displayedChannels: [...channelTypes],
  displayedStatuses: ['open', 'in_progress', 'waiting', 'completed'],
  waitingTimer: true,
  waitingColors: { enabled: true, warnAfterMinutes: 2, alertAfterMinutes: 5 },
  defaultChatLimit: 5,
  offlineGraceSeconds: 60,
  forbidOfflineStatuses: [],
  reassignOnOffline: false,
  reassignAfterMinutes: null,
};

export const updateOmniSettingsRequestSchema = omniSettingsSchema
  .partial()
  .strict()
  .refine(
    (s) => !s.waitingColors || s.waitingColors.warnAfterMinutes < s.waitingColors.alertAfterMinutes,
    { message: 'The alert threshold must come after the warning threshold', path: ['waitingColors', 'alertAfterMinutes'] },
  );
export type UpdateOmniSettingsRequest = z.infer<typeof updateOmniSettingsRequestSchema>;
