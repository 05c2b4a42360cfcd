import type { RuleAction, RuleCondition, RuleTrigger } from '@omnichannel/contracts';
import type { TFunction } from 'i18next';

/** How the summary names what a rule refers to (a deleted one keeps its id). */
export interface RuleNames {
  group: (id: string) => string;
  department: (id: string) => string;
  status: (code: string) => string;
  template: (id: string) => string;
  operatorStatus: (code: string) => string;
}

/** i18next reads dots in keys as nesting, so "ticket.created" becomes "ticket_created". */
export const triggerKey = (type: RuleTrigger['type']) => type.replace(/[.-]/g, '_');

export function triggerText(trigger: RuleTrigger, t: TFunction, names: RuleNames): string {
  switch (trigger.type) {
    case 'ticket.unanswered':
      return t('dispatcher.when.ticket_unanswered', { minutes: trigger.minutes });
    case 'operator.status-changed':
      return trigger.toStatus
        ? t('dispatcher.when.operator_status_changed_to', { status: names.operatorStatus(trigger.toStatus) })
        : t('dispatcher.when.operator_status_changed');
    case 'ticket.created':
    case 'client.replied':
    case 'ticket.completed':
    case 'sla.breached':
      return t(`dispatcher.when.${triggerKey(trigger.type)}`);
  }
}

const either = (items: string[], t: TFunction) => items.join(` ${t('dispatcher.or')} `);

export function conditionText(condition: RuleCondition, t: TFunction, names: RuleNames): string {
  switch (condition.type) {
    case 'channel':
      return t('dispatcher.if.channel', { list: either(condition.channels.map((c) => t(`channel.${c}`)), t) });
    case 'department':
      return t('dispatcher.if.department', { list: either(condition.departmentIds.map(names.department), t) });
    case 'status':
      return t('dispatcher.if.status', { list: either(condition.statuses.map(names.status), t) });
    case 'text':
      return t('dispatcher.if.text', { text: condition.contains });
    case 'working-hours':
      return condition.inside ? t('dispatcher.if.insideHours') : t('dispatcher.if.outsideHours');
  }
}

export function actionText(action: RuleAction, t: TFunction, names: RuleNames): string {
  switch (action.type) {
    case 'assign':
      return t(action.preferPrevious ? 'dispatcher.do.assignPrevious' : 'dispatcher.do.assign', {
        group: names.group(action.groupId),
        strategy: t(`dispatcher.strategy.${action.strategy}`),
      });
    case 'change-department':
      return t('dispatcher.do.changeDepartment', { department: names.department(action.departmentId) });
    case 'change-status':
      return t('dispatcher.do.changeStatus', { status: names.status(action.status) });
    case 'add-comment':
      return t('dispatcher.do.addComment', { body: action.body.length > 40 ? `${action.body.slice(0, 40)}…` : action.body });
    case 'send-template':
      return t('dispatcher.do.sendTemplate', { template: names.template(action.templateId) });
    case 'set-priority':
      return t('dispatcher.do.setPriority', { priority: t(`priority.${action.priority}`) });
  }
}

/**
 * DSP-3: one readable line per rule, e.g. "When a new request arrives · if channel is Chat and text
 * contains “refund” → assign to First line (least busy)".
 */
export function ruleSummary(rule: { trigger: RuleTrigger; conditions: RuleCondition[]; actions: RuleAction[] }, t: TFunction, names: RuleNames): string {
  const when = triggerText(rule.trigger, t, names);
  const conditions = rule.conditions.map((c) => conditionText(c, t, names)).join(` ${t('dispatcher.and')} `);
  const actions = rule.actions.map((a) => actionText(a, t, names)).join(', ');
  return conditions ? `${when} · ${t('dispatcher.ifPrefix')} ${conditions} → ${actions}` : `${when} → ${actions}`;
}
