import type { DomainEvent, DomainEventType, RuleTrigger } from '@omnichannel/contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Tx } from '../../database/tx';
import { EventConsumers, type EventConsumer } from '../../events/event-consumers';
import { RuleEngine } from './rule-engine';
import { RulesService, type RunnableRule } from './rules.service';

/** The rule trigger each event type can be: also what wakes the consumer (only when some rule may listen). */
const TRIGGER_OF: Partial<Record<DomainEventType, RuleTrigger['type']>> = {
  'ticket.created': 'ticket.created',
  'message.created': 'client.replied',
  'ticket.completed': 'ticket.completed',
  'ticket.sla_breached': 'sla.breached',
  'operator.status_changed': 'operator.status-changed',
};

/** Which rule trigger an event is (null: no trigger). */
function triggerOf(event: DomainEvent): RuleTrigger['type'] | null {
  // The message that opens a ticket is the "new request" trigger, not a reply; only a client's message is a reply.
  if (event.type === 'message.created' && (event.data.kind !== 'client' || event.data.opensTicket)) return null;
  return TRIGGER_OF[event.type] ?? null;
}

/**
 * DSP-3 from the event log: new requests, client replies, completions, SLA breaches and operator status
 * changes run the rules of their trigger. Durable: the rules' changes commit with the consumer's cursor,
 * so a crash between a ticket's commit and its rules runs them later, once. What rules themselves change
 * is logged with a rule as its actor and never triggers rules.
 */
@Injectable()
export class RulesConsumer implements EventConsumer, OnModuleInit {
  readonly name = 'dispatcher-rules';
  readonly types = ['ticket.created', 'message.created', 'ticket.completed', 'ticket.sla_breached', 'operator.status_changed'] as const;
  // A burst of new requests goes to the dispatcher ten at a time, not all after the last one's rules.
  readonly workPerTransaction = 10;

  constructor(
    private readonly consumers: EventConsumers,
    private readonly rules: RulesService,
    private readonly engine: RuleEngine,
  ) {}

  onModuleInit(): void {
    this.consumers.register(this);
  }

  /** Not woken for events no rule listens to (a client's reply with no "client replied" rule: most of the traffic). */
  wants(type: DomainEventType): boolean {
    const trigger = TRIGGER_OF[type];
    return trigger !== undefined && this.rules.mayRun(trigger);
  }

  /** The events some enabled rule listens to; the rest are passed over without a transaction. */
  async relevant(events: DomainEvent[], m: EntityManager): Promise<DomainEvent[]> {
    return (await this.runs(events, m)).map((r) => r.event);
  }

  async handle(events: DomainEvent[], tx: Tx): Promise<void> {
    const runs = await this.runs(events, tx.m);
    // Every action runs in its own savepoint (rule-engine.ts), so one event needs no savepoint of its own;
    // the requests' contexts are read in one statement.
    const contexts = await this.engine.contexts(tx, [...new Set(runs.flatMap(({ event }) => ('ticketId' in event.data ? [event.data.ticketId] : [])))]);
    for (const { event, rules } of runs) {
      if (event.type === 'operator.status_changed') {
        const live = await tx.m.query<{ id: string }[]>('SELECT id FROM tickets WHERE executor_id = $1 AND live ORDER BY created_at', [event.data.employeeId]);
        for (const { id } of live) await this.engine.apply(tx, rules, id);
      } else if ('ticketId' in event.data) {
        const { ticketId } = event.data;
        await this.engine.apply(tx, rules, ticketId, contexts.get(ticketId));
        // A later event of the same request sees what these rules did.
        contexts.delete(ticketId);
      }
    }
  }

  /** Each event with the rules it runs; the rule table is checked once per batch and trigger. */
  private async runs(events: DomainEvent[], m: EntityManager): Promise<{ event: DomainEvent; rules: RunnableRule[] }[]> {
    const byTrigger = new Map<RuleTrigger['type'], RunnableRule[]>();
    const runs: { event: DomainEvent; rules: RunnableRule[] }[] = [];
    for (const event of events) {
      if (event.actor.type === 'rule') continue;
      const trigger = triggerOf(event);
      if (!trigger) continue;
      if (!byTrigger.has(trigger)) byTrigger.set(trigger, await this.rules.runnable(trigger, m));
      // A rule acts on what happens after it was saved: an event read late (by the poll) is not judged by
      // a rule made or changed since.
      const occurred = Date.parse(event.occurredAt);
      const rules = (byTrigger.get(trigger) ?? []).filter(
        (r) =>
          r.since <= occurred &&
          (event.type !== 'operator.status_changed' || (r.trigger.type === 'operator.status-changed' && (r.trigger.toStatus === null || r.trigger.toStatus === event.data.to))),
      );
      if (rules.length > 0) runs.push({ event, rules });
    }
    return runs;
  }
}
