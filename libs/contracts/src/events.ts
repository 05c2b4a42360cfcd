import { z } from 'zod';
import { channelTypeSchema } from './channels';
import { uuidSchema } from './common';
import { statusCodeSchema, ticketPrioritySchema } from './tickets';

/**
 * The durable event log (issue #9): every change to a ticket writes typed, past-tense events in the same
 * transaction. Consumers (dispatcher rules, SLA, later webhooks and statistics) read them in order, at
 * least once. These shapes are what integrators will receive, so they are contract, not internals.
 */

/** Who caused a change. Changes a rule makes never trigger rules (DSP-3), so the log says who acted. */
export const eventActorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('employee'), id: uuidSchema, name: z.string() }),
  z.object({ type: z.literal('client'), id: uuidSchema }),
  /** A dispatcher rule's action; `ruleId` is null when the rule was deleted while its request waited. */
  z.object({ type: z.literal('rule'), ruleId: uuidSchema.nullable(), ruleName: z.string() }),
  /** The module itself: the dispatcher's queue, the SLA clock, an employee's account being closed. */
  z.object({ type: z.literal('system'), reason: z.string() }),
]);
export type EventActor = z.infer<typeof eventActorSchema>;

const deadlineSchema = z.enum(['first-reply', 'resolution']);

/** Each event type and the data it carries. */
export const domainEventDataSchemas = {
  'ticket.created': z.object({
    ticketId: uuidSchema,
    number: z.number().int().positive(),
    channelId: uuidSchema,
    channelType: channelTypeSchema,
    departmentId: uuidSchema,
    clientId: uuidSchema,
  }),
  /** A client message, an employee's reply or an internal comment (system entries are not messages). */
  'message.created': z.object({
    ticketId: uuidSchema,
    messageId: uuidSchema,
    seq: z.number().int().positive(),
    kind: z.enum(['client', 'reply', 'comment']),
    /** The client's first message, the one that opened the ticket. */
    opensTicket: z.boolean(),
  }),
  'ticket.assigned': z.object({ ticketId: uuidSchema, executorId: uuidSchema, previousExecutorId: uuidSchema.nullable() }),
  /** The executor left the request: it is back in Unassigned or in the dispatcher's queue. */
  'ticket.released': z.object({ ticketId: uuidSchema, previousExecutorId: uuidSchema }),
  /** DSP-5: the request waits in a group's queue for a free operator. */
  'ticket.queued': z.object({ ticketId: uuidSchema, groupId: uuidSchema }),
  'ticket.transferred': z.object({
    ticketId: uuidSchema,
    fromDepartmentId: uuidSchema,
    toDepartmentId: uuidSchema,
    fromExecutorId: uuidSchema.nullable(),
    toExecutorId: uuidSchema.nullable(),
  }),
  'ticket.invited': z.object({ ticketId: uuidSchema, employeeId: uuidSchema }),
  'ticket.status_changed': z.object({ ticketId: uuidSchema, from: statusCodeSchema, to: statusCodeSchema }),
  'ticket.priority_changed': z.object({ ticketId: uuidSchema, from: ticketPrioritySchema, to: ticketPrioritySchema }),
  /** WORK-11; `keptOpen` is WORK-14: the chat ended but the ticket stays open on its ticket page. */
  'ticket.completed': z.object({ ticketId: uuidSchema, keptOpen: z.boolean(), status: statusCodeSchema }),
  /** A closed ticket is open again. */
  'ticket.reopened': z.object({ ticketId: uuidSchema, status: statusCodeSchema }),
  'ticket.fields_changed': z.object({ ticketId: uuidSchema, ticketFields: z.array(z.string()), clientFields: z.array(z.string()) }),
  /** SLA-1: the module's deadlines were fixed on the request (null: none, or never within working hours). */
  'ticket.deadlines_set': z.object({ ticketId: uuidSchema, firstReplyDue: z.string().nullable(), resolutionDue: z.string().nullable() }),
  /** SLA-2: a deadline passed unmet. */
  'ticket.sla_breached': z.object({ ticketId: uuidSchema, deadline: deadlineSchema }),
  /** DSP-1: an operator's status changed (the dispatcher's capacity, rules, re-assignment). */
  'operator.status_changed': z.object({
    employeeId: uuidSchema,
    from: z.string(),
    to: z.string(),
    receivesChats: z.boolean(),
    by: z.enum(['self', 'admin', 'auto']),
  }),
} as const;

type DataSchemas = typeof domainEventDataSchemas;
export type DomainEventType = keyof DataSchemas;
export type DomainEventData<T extends DomainEventType> = z.infer<DataSchemas[T]>;

/** An event as a command produces it, before the log gives it an id. */
export type NewDomainEvent = { [T in DomainEventType]: { type: T; data: DomainEventData<T>; actor: EventActor } }[DomainEventType];

/** An event as consumers read it from the log. `id` is a decimal string (a 64-bit integer). */
export type DomainEvent = NewDomainEvent & { id: string; occurredAt: string };

export const domainEventTypes = Object.keys(domainEventDataSchemas) as DomainEventType[];
