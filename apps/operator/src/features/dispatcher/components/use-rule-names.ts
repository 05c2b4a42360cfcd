import { useTranslation } from 'react-i18next';
import { useTemplates } from '../../templates';
import { useDirectory, useStatusLabel, useStatuses } from '../../tickets';
import { useOperatorStatuses } from '../api/presence';
import type { RuleNames } from '../rule-summary';

export interface Option {
  value: string;
  label: string;
}

/** What rules refer to, as options for the editor's selects and names for the summaries. */
export function useRuleReferences(): RuleNames & { groups: Option[]; departments: Option[]; statuses: Option[]; templates: Option[]; operatorStatuses: Option[] } {
  const { t } = useTranslation();
  // Names from the directory: whoever edits rules (PERM-3) may not administer groups.
  const directory = useDirectory().data;
  const groups = directory?.groups;
  const departments = directory?.departments;
  const statuses = useStatuses().data?.items;
  const statusLabel = useStatusLabel();
  const templates = useTemplates().data?.items;
  const operatorStatuses = useOperatorStatuses().data?.items;
  // A loaded list that lacks the id means it was deleted; a list not (yet) loaded cannot tell.
  const lookup = (options: Option[], loaded: boolean) => (value: string) =>
    options.find((o) => o.value === value)?.label ?? (loaded ? t('dispatcher.deleted') : '…');
  const g = (groups ?? []).map((x) => ({ value: x.id, label: x.name }));
  const d = (departments ?? []).map((x) => ({ value: x.id, label: x.name }));
  const s = (statuses ?? []).map((x) => ({ value: x.code, label: statusLabel(x.code) }));
  const tp = (templates ?? []).map((x) => ({ value: x.id, label: x.title }));
  const os = (operatorStatuses ?? []).map((x) => ({ value: x.code, label: x.name }));
  return {
    groups: g,
    departments: d,
    statuses: s,
    templates: tp,
    operatorStatuses: os,
    group: lookup(g, groups !== undefined),
    department: lookup(d, departments !== undefined),
    status: (code: string) => statusLabel(code),
    template: lookup(tp, templates !== undefined),
    operatorStatus: lookup(os, operatorStatuses !== undefined),
  };
}
