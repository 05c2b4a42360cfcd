import {
  ErrorCode,
  dispatchRuleInputSchema,
  dispatchRuleUpdateSchema,
  type DispatchRule,
  type DispatchRuleInput,
  type DispatchRuleUpdate,
  type RuleAction,
  type RuleCondition,
  type RuleTrigger,
} from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { prepared, runPrepared } from '../../database/prepared';

interface RuleRow {
  id: string;
  name: string;
  enabled: boolean;
  position: number;
  trigger: RuleTrigger;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

/** What exists now, to tell a rule that names something deleted (shown as broken, skipped when run). */
interface Known {
  groups: Set<string>;
  departments: Set<string>;
  ticketStatuses: Set<string>;
  operatorStatuses: Set<string>;
  templates: Set<string>;
}

/** A rule as the dispatcher runs it: with the time it was last saved (it acts on what happens after that). */
export type RunnableRule = DispatchRule & { since: number };

/** A fingerprint of the rule table: any change made by any instance changes it. */
const RULES_VERSION = prepared(
  'dispatch-rules-version',
  `SELECT count(*)::text || ':' || COALESCE(max(updated_at)::text, '') || ':' || COALESCE(sum(hashtext(id::text))::text, '') AS v FROM dispatch_rules`,
);

/** DSP-3: the ordered list of dispatcher rules: create, edit, enable, reorder, copy, delete. */
@Injectable()
export class RulesService {
  /** Every arrival runs the rules: they are read again only when the table changed. */
  private cache: { version: string; rules: Promise<RunnableRule[]>; triggers: Set<RuleTrigger['type']> | null } | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async list(m: EntityManager = this.dataSource.manager): Promise<DispatchRule[]> {
    return (await this.load(m)).map(({ since: _since, ...rule }) => rule);
  }

  private async load(m: EntityManager): Promise<RunnableRule[]> {
    const rows = await m.query<(RuleRow & { updated_at: Date })[]>(
      'SELECT id, name, enabled, position, trigger, conditions, actions, updated_at FROM dispatch_rules ORDER BY position, created_at',
    );
    const known = await this.known(m);
    return rows.map(({ updated_at, ...r }) => ({ ...r, broken: brokenReason(r, known), since: updated_at.getTime() }));
  }

  /** Enabled, runnable rules for a trigger, in order; broken ones are left out (and shown as broken in Settings). */
  async runnable(trigger: RuleTrigger['type'], m: EntityManager = this.dataSource.manager): Promise<RunnableRule[]> {
    const [row] = await runPrepared<{ v: string }>(m, RULES_VERSION, []);
    const version = row?.v ?? '';
    if (!this.cache || this.cache.version !== version) {
      const rules = this.load(m);
      this.cache = { version, rules, triggers: null };
      const cache = this.cache;
      rules.then(
        (loaded) => (cache.triggers = new Set(loaded.filter((r) => r.enabled && r.broken === null).map((r) => r.trigger.type))),
        () => (this.cache = null),
      );
    }
    return (await this.cache.rules).filter((r) => r.enabled && r.trigger.type === trigger && r.broken === null);
  }

  /**
   * Whether a runnable rule of this trigger may exist, from the rules last read (no query): false only when
   * they were read and none has it. A rule made since on another instance is found by the next runnable().
   */
  mayRun(trigger: RuleTrigger['type']): boolean {
    return this.cache?.triggers?.has(trigger) ?? true;
  }

  /** A rule changed here: the next trigger reads them again. */
  private changed(): void {
    this.cache = null;
  }

  async get(id: string): Promise<DispatchRule> {
    const rule = (await this.list()).find((r) => r.id === id);
    if (!rule) throw new AppError(ErrorCode.RuleNotFound, 'Rule not found');
    return rule;
  }

  async create(input: DispatchRuleInput): Promise<DispatchRule> {
    const data = dispatchRuleInputSchema.parse(input);
    await this.assertValid(data);
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO dispatch_rules (name, enabled, position, trigger, conditions, actions)
       VALUES ($1, $2, (SELECT COALESCE(max(position), 0) + 10 FROM dispatch_rules), $3, $4, $5) RETURNING id`,
      [data.name, data.enabled, JSON.stringify(data.trigger), JSON.stringify(data.conditions), JSON.stringify(data.actions)],
    );
    if (!row) throw new Error('Rule was not stored');
    this.changed();
    return this.get(row.id);
  }

  async update(id: string, input: DispatchRuleUpdate): Promise<DispatchRule> {
    const patch = dispatchRuleUpdateSchema.parse(input);
    const current = await this.get(id);
    const next = dispatchRuleInputSchema.parse({
      name: patch.name ?? current.name,
      enabled: patch.enabled ?? current.enabled,
      trigger: patch.trigger ?? current.trigger,
      conditions: patch.conditions ?? current.conditions,
      actions: patch.actions ?? current.actions,
    });
    // Switching a broken rule off is always allowed; anything else must name things that exist.
    if (patch.trigger || patch.conditions || patch.actions || patch.enabled) await this.assertValid(next);
    await this.dataSource.query(
      `UPDATE dispatch_rules SET name = $2, enabled = $3, trigger = $4, conditions = $5, actions = $6, updated_at = now() WHERE id = $1`,
      [id, next.name, next.enabled, JSON.stringify(next.trigger), JSON.stringify(next.conditions), JSON.stringify(next.actions)],
    );
    this.changed();
    return this.get(id);
  }

  /** A copy placed right after the original, switched off until its author has looked at it. */
  async copy(id: string): Promise<DispatchRule> {
    const source = await this.get(id);
    const [row] = await this.dataSource.transaction(async (m) => {
      await m.query('UPDATE dispatch_rules SET position = position + 1 WHERE position > $1', [source.position]);
      return m.query<{ id: string }[]>(
        `INSERT INTO dispatch_rules (name, enabled, position, trigger, conditions, actions) VALUES ($1, false, $2, $3, $4, $5) RETURNING id`,
        [`${source.name} (copy)`.slice(0, 100), source.position + 1, JSON.stringify(source.trigger), JSON.stringify(source.conditions), JSON.stringify(source.actions)],
      );
    });
    if (!row) throw new Error('Rule copy was not stored');
    this.changed();
    return this.get(row.id);
  }

  /** The new order: every rule's id, first to last. */
  async reorder(ids: string[]): Promise<DispatchRule[]> {
    const existing = await this.dataSource.query<{ id: string }[]>('SELECT id FROM dispatch_rules');
    const all = new Set(existing.map((r) => r.id));
    if (ids.length !== all.size || new Set(ids).size !== ids.length || ids.some((id) => !all.has(id))) {
      throw new AppError(ErrorCode.ValidationFailed, 'Give every rule exactly once, in the new order');
    }
    await this.dataSource.query(
      `UPDATE dispatch_rules r SET position = o.ord * 10 FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE r.id = o.id`,
      [ids],
    );
    this.changed();
    return this.list();
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.dataSource.query('DELETE FROM dispatch_rules WHERE id = $1', [id]);
    this.changed();
  }

  private async assertValid(rule: Pick<RuleRow, 'trigger' | 'conditions' | 'actions'>): Promise<void> {
    const reason = brokenReason(rule, await this.known());
    if (reason) throw new AppError(ErrorCode.ValidationFailed, reason);
    for (const action of rule.actions) {
      if (action.type === 'change-status' && (await this.isFinalStatus(action.status)) && rule.trigger.type !== 'ticket.completed') {
        throw new AppError(ErrorCode.ValidationFailed, `"${action.status}" is a final status; a rule can set it only when a conversation completes`);
      }
    }
  }

  private async isFinalStatus(code: string): Promise<boolean> {
    const [row] = await this.dataSource.query<{ is_final: boolean }[]>('SELECT is_final FROM ticket_statuses WHERE code = $1', [code]);
    return row?.is_final ?? false;
  }

  private async known(m: EntityManager = this.dataSource.manager): Promise<Known> {
    const [row] = await m.query<Record<keyof Known, string[]>[]>(
      `SELECT ARRAY(SELECT id::text FROM groups) AS groups, ARRAY(SELECT id::text FROM departments) AS departments,
              ARRAY(SELECT code FROM ticket_statuses) AS "ticketStatuses", ARRAY(SELECT code FROM operator_statuses) AS "operatorStatuses",
              ARRAY(SELECT id::text FROM templates) AS templates`,
    );
    const set = (key: keyof Known) => new Set(row?.[key] ?? []);
    return { groups: set('groups'), departments: set('departments'), ticketStatuses: set('ticketStatuses'), operatorStatuses: set('operatorStatuses'), templates: set('templates') };
  }
}

/** Why a rule cannot run: the first thing it names that no longer exists; null when everything does. */
export function brokenReason(rule: Pick<RuleRow, 'trigger' | 'conditions' | 'actions'>, known: Known): string | null {
  if (rule.trigger.type === 'operator.status-changed' && rule.trigger.toStatus && !known.operatorStatuses.has(rule.trigger.toStatus)) {
    return `The operator status "${rule.trigger.toStatus}" no longer exists`;
  }
  for (const c of rule.conditions) {
    if (c.type === 'department' && c.departmentIds.some((id) => !known.departments.has(id))) return 'A department of its conditions no longer exists';
    if (c.type === 'status' && c.statuses.some((s) => !known.ticketStatuses.has(s))) return 'A ticket status of its conditions no longer exists';
  }
  for (const a of rule.actions) {
    if (a.type === 'assign' && !known.groups.has(a.groupId)) return 'The group it assigns to no longer exists';
    if (a.type === 'change-department' && !known.departments.has(a.departmentId)) return 'The department it moves requests to no longer exists';
    if (a.type === 'change-status' && !known.ticketStatuses.has(a.status)) return `The ticket status "${a.status}" no longer exists`;
    if (a.type === 'send-template' && !known.templates.has(a.templateId)) return 'The template it sends no longer exists';
  }
  return null;
}
