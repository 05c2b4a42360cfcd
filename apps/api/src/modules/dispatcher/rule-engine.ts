import { renderTemplate, type ChannelType, type DispatchRule, type RuleAction, type RuleCondition } from '@omnichannel/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { loggableError } from '../../common/errors/error-response';
import { isTransient } from '../../common/sql';
import type { Tx } from '../../database/tx';
import { SlaService } from '../sla/sla.service';
import { TicketCommands, type RuleActor } from '../tickets/commands/ticket-commands';
import { DispatcherService } from './dispatcher.service';
import { RulesService } from './rules.service';

/** What conditions and actions look at: the request as it is now. */
export interface RuleContext {
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
 WHERE t.id = ANY($1::uuid[])`;

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
 * Evaluates the dispatcher rules (DSP-3): every given rule, in order, whose conditions all hold performs
 * its actions through the ticket commands, each in its own savepoint of the caller's transaction; the
 * commands write a history entry naming the rule. The first assign that takes effect wins. What triggers
 * rules is decided by the caller (rules.consumer.ts reads the event log; the sweep fires time triggers).
 */
@Injectable()
export class RuleEngine {
  private readonly logger = new Logger('Rules');

  constructor(
    private readonly rules: RulesService,
    private readonly dispatcher: DispatcherService,
    private readonly commands: TicketCommands,
    private readonly sla: SlaService,
  ) {}

  /**
   * Runs the rules on one request. `known`: its context read already (the consumer reads a batch's in one
   * statement); after a rule acted, the next one reads it again. Only transient failures are thrown.
   */
  async apply(tx: Tx, rules: DispatchRule[], ticketId: string, known?: RuleContext): Promise<void> {
    let context = known ?? null;
    let stale = known === undefined;
    for (const rule of rules) {
      if (stale) context = (await this.contexts(tx, [ticketId])).get(ticketId) ?? null;
      stale = false;
      if (!context) return;
      if (!(await this.matches(tx, rule.conditions, context))) continue;
      const actor: RuleActor = { type: 'rule', ruleId: rule.id, ruleName: rule.name };
      const current = context;
      for (const action of rule.actions) {
        stale = true;
        try {
          await tx.savepoint((inner) => this.perform(inner, actor, action, current));
        } catch (error) {
          if (isTransient(error)) throw error;
          // A refusal by the ticket's own rules (say, a final status on a live chat) is the rule's mistake, not ours.
          const log = error instanceof AppError ? this.logger.warn.bind(this.logger) : this.logger.error.bind(this.logger);
          log({ err: loggableError(error), msg: `Rule "${rule.name}" could not ${action.type} request #${current.number}`, ruleId: rule.id });
        }
      }
    }
  }

  /**
   * "Unanswered for N minutes": requests whose client has waited that long fire the rule once per wait;
   * the firing row is inserted in the transaction of the actions, so instances sweeping together never
   * fire it twice, and a crash fires it again rather than never.
   */
  async fireUnanswered(): Promise<void> {
    const rules = await this.rules.runnable('ticket.unanswered');
    for (const rule of rules) {
      if (rule.trigger.type !== 'ticket.unanswered') continue;
      const minutes = rule.trigger.minutes;
      await this.commands.run(async (tx) => {
        const due = await tx.m.query<{ id: string }[]>(
          `INSERT INTO rule_firings (rule_id, ticket_id, fired_for)
           SELECT $1, t.id, t.waiting_since FROM tickets t
            WHERE t.live AND t.waiting_since IS NOT NULL AND t.waiting_since <= now() - make_interval(mins => $2)
           ON CONFLICT DO NOTHING RETURNING ticket_id AS id`,
          [rule.id, minutes],
        );
        for (const { id } of due) await this.apply(tx, [rule], id);
      });
    }
  }

  private async matches(tx: Tx, conditions: RuleCondition[], context: RuleContext): Promise<boolean> {
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
          if ((await this.sla.isWorkingTime(context.departmentId, tx.m)) !== c.inside) return false;
          break;
      }
    }
    return true;
  }

  private async perform(tx: Tx, actor: RuleActor, action: RuleAction, context: RuleContext): Promise<void> {
    switch (action.type) {
      case 'assign':
        await this.dispatcher.assign(tx, context.id, action, actor);
        return;
      case 'change-department':
        await this.commands.transfer(tx, context.id, { departmentId: action.departmentId, executor: 'keep-if-member' }, actor);
        return;
      case 'change-status':
        await this.commands.setStatus(tx, context.id, action.status, actor);
        return;
      case 'add-comment':
        await this.commands.postComment(tx, context.id, { body: action.body, author: null }, actor);
        return;
      case 'send-template': {
        if (!context.live) return;
        const [template] = await tx.m.query<{ id: string; title: string; body: string }[]>('SELECT id, title, body FROM templates WHERE id = $1', [action.templateId]);
        if (!template) return;
        const body = renderTemplate(
          template.body,
          { 'client.name': context.clientName, 'client.email': context.clientEmail, 'operator.name': context.executorName, 'ticket.number': context.number },
          // Nobody reads it before the client does: a value the conversation lacks is left out, not shown as a placeholder.
          { missing: 'drop' },
        );
        const author = context.executorId ? { id: context.executorId, name: context.executorName ?? '' } : null;
        await this.commands.postReply(tx, context.id, { body, author, template: { id: template.id, title: template.title } }, actor);
        return;
      }
      case 'set-priority':
        await this.commands.setPriority(tx, context.id, action.priority, actor);
        return;
    }
  }

  /** What the conditions and actions of rules look at, for several requests in one statement. */
  async contexts(tx: Tx, ticketIds: string[]): Promise<Map<string, RuleContext>> {
    if (ticketIds.length === 0) return new Map();
    const rows = await tx.m.query<ContextRow[]>(CONTEXT_SQL, [ticketIds]);
    return new Map(
      rows.map((row) => [
        row.id,
        {
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
        },
      ]),
    );
  }
}
