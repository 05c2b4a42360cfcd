import { z } from 'zod';
import { channelTypeSchema } from './channels';
import { uuidSchema } from './common';
import { statusCodeSchema, ticketPrioritySchema } from './tickets';

const label = z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters');

// ---------------------------------------------------------------- operator statuses (DSP-1)

/** The statuses every installation has; administrators add their own beside them. */
export const BuiltinOperatorStatus = { Online: 'online', Away: 'away', Offline: 'offline' } as const;

export const operatorStatusSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Whether the dispatcher hands chats to an operator in this status. */
  receivesChats: z.boolean(),
  builtin: z.boolean(),
  position: z.number().int(),
});
export type OperatorStatus = z.infer<typeof operatorStatusSchema>;

export const operatorStatusInputSchema = z
  .object({
    code: statusCodeSchema,
    name: label,
    receivesChats: z.boolean().default(false),
    position: z.number().int().min(0).max(1000).default(100),
  })
  .strict();
export type OperatorStatusInput = z.input<typeof operatorStatusInputSchema>;

export const operatorStatusUpdateSchema = z
  .object({ name: label.optional(), receivesChats: z.boolean().optional(), position: z.number().int().min(0).max(1000).optional() })
  .strict();
export type OperatorStatusUpdate = z.input<typeof operatorStatusUpdateSchema>;

export const operatorStatusListSchema = z.object({ items: z.array(operatorStatusSchema) });
export type OperatorStatusList = z.infer<typeof operatorStatusListSchema>;

export const setMyStatusRequestSchema = z.object({ status: statusCodeSchema }).strict();
export type SetMyStatusRequest = z.infer<typeof setMyStatusRequestSchema>;

/** An operator as the dispatcher sees them: status, load and limit (DSP-1, DSP-4). */
export const operatorPresenceSchema = z.object({
  employeeId: uuidSchema,
  name: z.string(),
  status: z.string(),
  since: z.string(),
  activeChats: z.number().int().nonnegative(),
  /** The operator's own limit; null = the global default of the module settings. */
  chatLimit: z.number().int().nullable(),
  effectiveLimit: z.number().int(),
});
export type OperatorPresence = z.infer<typeof operatorPresenceSchema>;

export const operatorPresenceListSchema = z.object({ items: z.array(operatorPresenceSchema) });
export type OperatorPresenceList = z.infer<typeof operatorPresenceListSchema>;

export const setChatLimitRequestSchema = z.object({ chatLimit: z.number().int().min(0).max(100).nullable() }).strict();
export type SetChatLimitRequest = z.infer<typeof setChatLimitRequestSchema>;

/** SET-4: the answer when going offline is refused: the requests that hold the employee. */
export const heldRequestSchema = z.object({ id: uuidSchema, number: z.number().int(), subject: z.string(), status: z.string() });
export type HeldRequest = z.infer<typeof heldRequestSchema>;

// ---------------------------------------------------------------- dispatcher rules (DSP-3)

export const ruleTriggerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket.created') }),
  z.object({ type: z.literal('client.replied') }),
  z.object({ type: z.literal('ticket.unanswered'), minutes: z.number().int().min(1).max(60 * 24 * 7) }),
  /** Applies to the live chats of the operator whose status changed. */
  z.object({ type: z.literal('operator.status-changed'), toStatus: z.string().nullable().default(null) }),
  z.object({ type: z.literal('ticket.completed') }),
  /** SLA-2: a deadline of the module passed. */
  z.object({ type: z.literal('sla.breached') }),
]);
export type RuleTrigger = z.infer<typeof ruleTriggerSchema>;
export const ruleTriggerTypes = ['ticket.created', 'client.replied', 'ticket.unanswered', 'operator.status-changed', 'ticket.completed', 'sla.breached'] as const;

export const ruleConditionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('channel'), channels: z.array(channelTypeSchema).min(1) }),
  z.object({ type: z.literal('department'), departmentIds: z.array(uuidSchema).min(1).max(100) }),
  z.object({ type: z.literal('status'), statuses: z.array(statusCodeSchema).min(1).max(50) }),
  z.object({ type: z.literal('text'), contains: z.string().trim().min(1).max(200) }),
  /** Inside or outside the working hours of the ticket's department (its SLA schedule). */
  z.object({ type: z.literal('working-hours'), inside: z.boolean() }),
]);
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

export const assignStrategies = ['least-busy', 'round-robin'] as const;
export type AssignStrategy = (typeof assignStrategies)[number];

export const ruleActionSchema = z.discriminatedUnion('type', [
  /** DSP-4: to an online member of the group who works in the ticket's department, within their limit. */
  z.object({
    type: z.literal('assign'),
    groupId: uuidSchema,
    strategy: z.enum(assignStrategies).default('least-busy'),
    preferPrevious: z.boolean().default(false),
  }),
  z.object({ type: z.literal('change-department'), departmentId: uuidSchema }),
  z.object({ type: z.literal('change-status'), status: statusCodeSchema }),
  z.object({ type: z.literal('add-comment'), body: z.string().trim().min(1).max(2000) }),
  z.object({ type: z.literal('send-template'), templateId: uuidSchema }),
  z.object({ type: z.literal('set-priority'), priority: ticketPrioritySchema }),
]);
export type RuleAction = z.infer<typeof ruleActionSchema>;

export const dispatchRuleInputSchema = z
  .object({
    name: label,
    enabled: z.boolean().default(true),
    trigger: ruleTriggerSchema,
    conditions: z.array(ruleConditionSchema).max(20).default([]),
    actions: z.array(ruleActionSchema).min(1, 'A rule needs at least one action').max(10),
  })
  .strict();
export type DispatchRuleInput = z.input<typeof dispatchRuleInputSchema>;

/** A patch: only the fields given change (no defaults fill in the others). */
export const dispatchRuleUpdateSchema = z
  .object({
    name: label.optional(),
    enabled: z.boolean().optional(),
    trigger: ruleTriggerSchema.optional(),
    conditions: z.array(ruleConditionSchema).max(20).optional(),
    actions: z.array(ruleActionSchema).min(1, 'A rule needs at least one action').max(10).optional(),
  })
  .strict();
export type DispatchRuleUpdate = z.input<typeof dispatchRuleUpdateSchema>;

export const dispatchRuleSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  enabled: z.boolean(),
  position: z.number().int(),
  trigger: ruleTriggerSchema,
  conditions: z.array(ruleConditionSchema),
  actions: z.array(ruleActionSchema),
  /** Why the rule cannot run (it names a deleted group, department, status or template); null when it can. */
  broken: z.string().nullable(),
});
export type DispatchRule = z.infer<typeof dispatchRuleSchema>;

export const dispatchRuleListSchema = z.object({ items: z.array(dispatchRuleSchema) });
export type DispatchRuleList = z.infer<typeof dispatchRuleListSchema>;

export const reorderRulesRequestSchema = z.object({ ids: z.array(uuidSchema).min(1).max(1000) }).strict();
export type ReorderRulesRequest = z.infer<typeof reorderRulesRequestSchema>;

// ---------------------------------------------------------------- schedules and SLA (SLA-1)

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'A time is HH:MM');

export const workScheduleSchema = z
  .object({
    timezone: z.string().min(1).max(64).refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'Unknown time zone'),
    week: z
      .array(z.object({ day: z.number().int().min(1).max(7), from: clock, to: clock }).refine((i) => i.to > i.from, 'A working interval ends after it starts'))
      .max(50),
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A holiday is YYYY-MM-DD')).max(400).default([]),
  })
  .strict();
export type WorkScheduleInput = z.input<typeof workScheduleSchema>;
export type WorkScheduleValue = z.infer<typeof workScheduleSchema>;

export const departmentSlaSchema = z.object({
  departmentId: uuidSchema,
  departmentName: z.string(),
  /** Minutes (working minutes when a schedule is set) until the first reply is due. */
  firstReplyMinutes: z.number().int(),
  /** Minutes until the request should be resolved; null = no resolution deadline. */
  resolutionMinutes: z.number().int().nullable(),
  schedule: workScheduleSchema.nullable(),
});
export type DepartmentSla = z.infer<typeof departmentSlaSchema>;

export const departmentIdParamSchema = z.object({ departmentId: uuidSchema });

export const departmentSlaInputSchema = z
  .object({
    firstReplyMinutes: z.number().int().min(1).max(60 * 24 * 30),
    resolutionMinutes: z.number().int().min(1).max(60 * 24 * 365).nullable(),
    schedule: workScheduleSchema.nullable(),
  })
  .strict();
export type DepartmentSlaInput = z.input<typeof departmentSlaInputSchema>;

export const departmentSlaListSchema = z.object({ items: z.array(departmentSlaSchema) });
export type DepartmentSlaList = z.infer<typeof departmentSlaListSchema>;

export const DEFAULT_FIRST_REPLY_MINUTES = 10;
