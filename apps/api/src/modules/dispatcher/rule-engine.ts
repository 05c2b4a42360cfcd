import type { ChannelType, DispatchRule, Message, RuleAction, RuleCondition, RuleTrigger, SystemEvent } from '@omnichannel/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import { loggableError } from '../../common/errors/error-response';
import { updatedRows } from '../../common/sql';
import { SlaEvents, SlaService, type SlaBreachedEvent } from '../sla/sla.service';
import { TicketHistory } from '../tickets/ticket-history';
import type { MessageRow } from '../tickets/tickets.mappers';
import { TicketEvents, type MessageCreatedEvent, type TicketChangeReason, type TicketChangedEvent } from '../tickets/tickets.events';
import { DispatcherEvents, type StatusChangedEvent } from './dispatcher.events';
import { DispatcherService } from './dispatcher.service';
import { RulesService } from './rules.service';

/** What conditions and actions look at: the request as it is now. */
interface RuleContext {
  id: string;
  number: number;
  live: boolean;
  status: string;
  departmentId: string;
  channelType: ChannelType;
  executorId: string | null;
  executorName: string | null;
  clientName: string | null;
  clientEmail: string | null;
  /** The client's latest message (the "text contains" condition). */
  text: string;
}

const CONTEXT_SQL = `
SELECT t.id, t.number, t.live, t.status, t.department_id, ch.type AS channel_type, t.executor_id, e.name AS executor_name,
       c.name AS client_name, c.email AS client_email,
       COALESCE((SELECT m.body FROM messages m WHERE m.ticket_id = t.id AND m.kind = 'client' ORDER BY m.seq DESC LIMIT 1), '') AS text
  FROM tickets t JOIN channels ch ON ch.id = t.channel_id JOIN clients c ON c.id = t.client_id
  LEFT JOIN employees e ON e.id = t.executor_id
 WHERE t.id = $1`;

interface ContextRow {
  id: string;
  number: number;
  live: boolean;
  status: string;
  department_id: string;
  channel_type: ChannelType;
  executor_id: string | null;
  executor_name: string | null;
  client_name: string | null;
  client_email: string | null;
  text: string;
}

/**
 * Runs the dispatcher rules (DSP-3): on a trigger, every enabled rule for it, in order, whose conditions
 * all hold, performs its actions; each action writes a history entry naming the rule. Rules react only to
 * what clients, employees and the clock do: the changes a rule makes announce themselves with reasons no
 * rule listens to, so rules never trigger rules. The first assign that takes effect wins.
 */
@Injectable()
export class RuleEngine {
  private readonly logger = new Logger('Rules');

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RulesService,
    private readonly dispatcher: DispatcherService,
    private readonly history: TicketHistory,
    private readonly sla: SlaService,
  ) {}

  // ---------------------------------------------------------------- triggers

  @OnEvent(TicketEvents.Changed, { promisify: true })
  async ticketChanged({ ticket, reason }: TicketChangedEvent): Promise<void> {
    if (reason === 'created') {
      await this.guard(ticket.id, async () => {
        await this.sla.stampDeadlines(ticket.id);
        await this.run({ type: 'ticket.created' }, ticket.id);
      });
    } else if (reason === 'completed') {
      await this.guard(ticket.id, () => this.run({ type: 'ticket.completed' }, ticket.id));
    }
  }

  @OnEvent(TicketEvents.MessageCreated, { promisify: true })
  async messageCreated({ message, ticket }: MessageCreatedEvent): Promise<void> {
    if (message.kind !== 'client') return;
    await this.guard(ticket.id, async () => {
      if (await this.isFirstClientMessage(message)) return;
      await this.run({ type: 'client.replied' }, ticket.id);
    });
  }

  @OnEvent(DispatcherEvents.StatusChanged, { promisify: true })
  async statusChanged({ presence }: StatusChangedEvent): Promise<void> {
    const rules = (await this.rules.runnable('operator.status-changed')).filter(
      (r) => r.trigger.type === 'operator.status-changed' && (r.trigger.toStatus === null || r.trigger.toStatus === presence.status),
    );
    if (rules.length === 0) return;
    const live = await this.dataSource.query<{ id: string }[]>('SELECT id FROM tickets WHERE executor_id = $1 AND live ORDER BY created_at', [presence.employeeId]);
    for (const { id } of live) await this.guard(id, () => this.apply(rules, id));
  }

  @OnEvent(SlaEvents.Breached, { promisify: true })
  async slaBreached({ ticket }: SlaBreachedEvent): Promise<void> {
    await this.guard(ticket.id, () => this.run({ type: 'sla.breached' }, ticket.id));
  }

  /**
   * "Unanswered for N minutes": requests whose client has waited that long fire the rule once per wait;
   * the firing row is inserted first, so instances sweeping together never fire it twice.
   */
  async fireUnanswered(): Promise<void> {
    const rules = await this.rules.runnable('ticket.unanswered');
    for (const rule of rules) {
      if (rule.trigger.type !== 'ticket.unanswered') continue;
      const due = await this.dataSource.query<{ id: string }[]>(
        `INSERT INTO rule_firings (rule_id, ticket_id, fired_for)
         SELECT $1, t.id, t.waiting_since FROM tickets t
          WHERE t.live AND t.waiting_since IS NOT NULL AND t.waiting_since <= now() - make_interval(mins => $2)
         ON CONFLICT DO NOTHING RETURNING ticket_id AS id`,
        [rule.id, rule.trigger.minutes],
      );
      for (const { id } of due) await this.guard(id, () => this.apply([rule], id));
    }
  }

  // ---------------------------------------------------------------- evaluation

  private async run(trigger: Pick<RuleTrigger, 'type'>, ticketId: string): Promise<void> {
    const rules = await this.rules.runnable(trigger.type);
    if (rules.length > 0) await this.apply(rules, ticketId);
  }

  private async apply(rules: DispatchRule[], ticketId: string): Promise<void> {
    for (const rule of rules) {
      const context = await this.context(ticketId);
      if (!context) return;
      if (!(await this.matches(rule.conditions, context))) continue;
      for (const action of rule.actions) {
        try {
          await this.perform(rule, action, context);
        } catch (error) {
          this.logger.error({ err: loggableError(error), msg: `Rule "${rule.name}" could not ${action.type} request #${context.number}`, ruleId: rule.id });
        }
      }
    }
  }

  private async matches(conditions: RuleCondition[], context: RuleContext): Promise<boolean> {
    for (const c of conditions) {
      switch (c.type) {
        case 'channel':
          if (!c.channels.includes(context.channelType)) return false;
          break;
        case 'department':
          if (!c.departmentIds.includes(context.departmentId)) return false;
          break;
        case 'status':
          if (!c.statuses.includes(context.status)) return false;
          break;
        case 'text':
          if (!context.text.toLocaleLowerCase().includes(c.contains.toLocaleLowerCase())) return false;
          break;
        case 'working-hours':
          if ((await this.sla.isWorkingTime(context.departmentId)) !== c.inside) return false;
          break;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- actions

  private async perform(rule: DispatchRule, action: RuleAction, context: RuleContext): Promise<void> {
    const origin = { ruleId: rule.id, ruleName: rule.name };
    switch (action.type) {
      case 'assign':
        await this.dispatcher.assign(context.id, action, origin);
        return;
      case 'change-department':
        await this.write(context.id, 'transferred', async (m) => {
          const [department] = await m.query<{ name: string; previous: string }[]>(
            `UPDATE tickets t SET department_id = d.id,
                    executor_id = CASE WHEN EXISTS (SELECT 1 FROM department_members dm WHERE dm.department_id = d.id AND dm.employee_id = t.executor_id)
                                       THEN t.executor_id ELSE NULL END,
                    updated_at = now()
               FROM departments d, (SELECT department_id AS previous FROM tickets WHERE id = $1) p
              WHERE t.id = $1 AND d.id = $2 AND t.department_id <> d.id
             RETURNING d.name, p.previous`,
            [context.id, action.departmentId],
          ).then((r) => updatedRows<{ name: string; previous: string }>(r));
          if (!department) return null;
          const entry = await this.entry(m, context.id, origin, 'change-department', department.name);
          return { entries: [entry], previous: { departmentId: department.previous, executorId: context.executorId } };
        });
        return;
      case 'change-status':
        await this.write(context.id, 'updated', async (m) => {
          const [status] = updatedRows<{ name: string }>(
            await m.query(
              `UPDATE tickets t SET status = s.code, completed_at = CASE WHEN s.is_final THEN COALESCE(t.completed_at, now()) ELSE NULL END, updated_at = now()
                 FROM ticket_statuses s
                WHERE t.id = $1 AND s.code = $2 AND t.status <> s.code AND NOT (t.live AND s.is_final)
               RETURNING s.name`,
              [context.id, action.status],
            ),
          );
          return status ? { entries: [await this.entry(m, context.id, origin, 'change-status', status.name)] } : null;
        });
        return;
      case 'add-comment':
        await this.write(context.id, 'updated', async (m) => {
          const seq = await this.history.nextSeq(m, context.id, 'system');
          const [row] = await m.query<{ id: string }[]>(`INSERT INTO messages (ticket_id, seq, kind, body) VALUES ($1, $2, 'comment', $3) RETURNING id`, [
            context.id,
            seq,
            action.body,
          ]);
          if (!row) throw new Error('Comment was not stored');
          return { entries: [await this.entry(m, context.id, origin, 'add-comment', null), await this.history.messageRow(row.id, m)] };
        });
        return;
      case 'send-template':
        if (!context.live) return;
        await this.write(context.id, 'message', async (m) => {
          const [template] = await m.query<{ title: string; body: string }[]>('SELECT title, body FROM templates WHERE id = $1', [action.templateId]);
          if (!template) return null;
          const seq = await this.history.nextSeq(m, context.id, 'employee');
          const [row] = await m.query<{ id: string }[]>(
            `INSERT INTO messages (ticket_id, seq, kind, body, author_employee_id, delivery_state, delivery_updated_at)
             VALUES ($1, $2, 'reply', $3, $4, 'queued', now()) RETURNING id`,
            [context.id, seq, renderTemplate(template.body, context), context.executorId],
          );
          if (!row) throw new Error('Reply was not stored');
          await this.history.enqueueDelivery(m, row.id, context.id);
          return { entries: [await this.entry(m, context.id, origin, 'send-template', template.title), await this.history.messageRow(row.id, m)] };
        });
        return;
      case 'set-priority':
        await this.write(context.id, 'updated', async (m) => {
          const changed = updatedRows(
            await m.query('UPDATE tickets SET priority = $2, updated_at = now() WHERE id = $1 AND priority <> $2 RETURNING id', [context.id, action.priority]),
          );
          return changed.length > 0 ? { entries: [await this.entry(m, context.id, origin, 'set-priority', action.priority)] } : null;
        });
        return;
    }
  }

  /** One action's transaction (the ticket row locked first), then its announcement. */
  private async write(
    ticketId: string,
    reason: TicketChangeReason,
    work: (m: EntityManager) => Promise<{ entries: MessageRow[]; previous?: TicketChangedEvent['previous'] } | null>,
  ): Promise<void> {
    const result = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT id FROM tickets WHERE id = $1 FOR UPDATE', [ticketId]);
      return work(m);
    });
    if (result) await this.history.announce(ticketId, reason, result.entries, result.previous);
  }

  private entry(m: EntityManager, ticketId: string, origin: { ruleId: string; ruleName: string }, action: RuleAction['type'], detail: string | null): Promise<MessageRow> {
    const event: SystemEvent = { type: 'rule.applied', ruleId: origin.ruleId, ruleName: origin.ruleName, action, detail };
    return this.history.insertSystemEntry(m, ticketId, event);
  }

  private async context(ticketId: string): Promise<RuleContext | null> {
    const [row] = await this.dataSource.query<ContextRow[]>(CONTEXT_SQL, [ticketId]);
    if (!row) return null;
    return {
      id: row.id,
      number: row.number,
      live: row.live,
      status: row.status,
      departmentId: row.department_id,
      channelType: row.channel_type,
      executorId: row.executor_id,
      executorName: row.executor_name,
      clientName: row.client_name,
      clientEmail: row.client_email,
      text: row.text,
    };
  }

  private async isFirstClientMessage(message: Message): Promise<boolean> {
    const [row] = await this.dataSource.query<{ first: boolean }[]>(
      `SELECT NOT EXISTS (SELECT 1 FROM messages WHERE ticket_id = $1 AND kind = 'client' AND seq < $2) AS first`,
      [message.ticketId, message.seq],
    );
    return row?.first ?? true;
  }

  private async guard(ticketId: string, work: () => Promise<void>): Promise<void> {
    await work().catch((error: unknown) => this.logger.error({ err: loggableError(error), msg: `Dispatcher rules failed on request ${ticketId}`, ticketId }));
  }
}

/** TPL-1 variables in a reply a rule sends. */
export function renderTemplate(body: string, context: Pick<RuleContext, 'clientName' | 'clientEmail' | 'executorName' | 'number'>): string {
  const values: Record<string, string> = {
    'client.name': context.clientName ?? '',
    'client.email': context.clientEmail ?? '',
    'operator.name': context.executorName ?? '',
    'ticket.number': String(context.number),
  };
  return body.replace(/\{(client\.name|client\.email|operator\.name|ticket\.number)\}/g, (_, key: string) => values[key] ?? '');
}
