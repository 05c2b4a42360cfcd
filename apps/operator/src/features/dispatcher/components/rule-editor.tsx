import { channelTypes, type DispatchRule, type RuleAction, type RuleCondition, type RuleTrigger, type TicketPriority } from '@omnichannel/contracts';
import { ActionIcon, Button, Divider, Group, Modal, MultiSelect, NumberInput, Paper, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormButtons, FormError } from '../../../components/confirm-modal';
import { errorText } from '../../../lib/errors';
import { useSaveRule } from '../api/dispatcher';
import { triggerKey } from '../rule-summary';
import { useRuleReferences } from './use-rule-names';

// Plain lists here: the contract's arrays live beside zod schemas, which the SPA does not ship.
const triggerTypes: RuleTrigger['type'][] = ['ticket.created', 'client.replied', 'ticket.unanswered', 'operator.status-changed', 'ticket.completed', 'sla.breached'];
const conditionTypes: RuleCondition['type'][] = ['channel', 'department', 'status', 'text', 'working-hours'];
const actionTypes: RuleAction['type'][] = ['assign', 'change-department', 'change-status', 'add-comment', 'send-template', 'set-priority'];
const priorities: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

function newTrigger(type: RuleTrigger['type']): RuleTrigger {
  switch (type) {
    case 'ticket.unanswered':
      return { type, minutes: 10 };
    case 'operator.status-changed':
      return { type, toStatus: null };
    case 'ticket.created':
    case 'client.replied':
    case 'ticket.completed':
    case 'sla.breached':
      return { type };
  }
}

function newCondition(type: RuleCondition['type']): RuleCondition {
  switch (type) {
    case 'channel':
      return { type, channels: [] };
    case 'department':
      return { type, departmentIds: [] };
    case 'status':
      return { type, statuses: [] };
    case 'text':
      return { type, contains: '' };
    case 'working-hours':
      return { type, inside: true };
  }
}

function newAction(type: RuleAction['type']): RuleAction {
  switch (type) {
    case 'assign':
      return { type, groupId: '', strategy: 'least-busy', preferPrevious: false };
    case 'change-department':
      return { type, departmentId: '' };
    case 'change-status':
      return { type, status: '' };
    case 'add-comment':
      return { type, body: '' };
    case 'send-template':
      return { type, templateId: '' };
    case 'set-priority':
      return { type, priority: 'high' };
  }
}

/** Whether every condition and action names what it needs (the API would refuse it otherwise). */
function complete(conditions: RuleCondition[], actions: RuleAction[]): boolean {
  const conditionOk = (c: RuleCondition) => {
    switch (c.type) {
      case 'channel':
        return c.channels.length > 0;
      case 'department':
        return c.departmentIds.length > 0;
      case 'status':
        return c.statuses.length > 0;
      case 'text':
        return c.contains.trim() !== '';
      case 'working-hours':
        return true;
    }
  };
  const actionOk = (a: RuleAction) => {
    switch (a.type) {
      case 'assign':
        return a.groupId !== '';
      case 'change-department':
        return a.departmentId !== '';
      case 'change-status':
        return a.status !== '';
      case 'add-comment':
        return a.body.trim() !== '';
      case 'send-template':
        return a.templateId !== '';
      case 'set-priority':
        return true;
    }
  };
  return conditions.every(conditionOk) && actions.every(actionOk);
}

/** One removable row of the conditions or actions list. */
function Row({ index, kind, onRemove, children }: { index: number; kind: 'condition' | 'action'; onRemove: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" data-testid={`rule-${kind}`} data-index={index}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Group grow style={{ flex: 1 }} align="flex-start" wrap="nowrap">
          {children}
        </Group>
        {/* level with the inputs, below their labels */}
        <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label={t('dispatcher.remove')} mt={28}>
          <IconX size={16} />
        </ActionIcon>
      </Group>
    </Paper>
  );
}

/** DSP-3: a rule's name, trigger, conditions and actions. */
export function RuleEditor({ rule, onClose }: { rule: DispatchRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const refs = useRuleReferences();
  const save = useSaveRule();
  const [name, setName] = useState(rule?.name ?? '');
  const [trigger, setTrigger] = useState<RuleTrigger>(rule?.trigger ?? { type: 'ticket.created' });
  const [conditions, setConditions] = useState<RuleCondition[]>(rule?.conditions ?? []);
  const [actions, setActions] = useState<RuleAction[]>(rule?.actions ?? [newAction('assign')]);
  const [error, setError] = useState<string | null>(null);

  const setCondition = (i: number, c: RuleCondition) => setConditions((all) => all.map((x, j) => (j === i ? c : x)));
  const setAction = (i: number, a: RuleAction) => setActions((all) => all.map((x, j) => (j === i ? a : x)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (actions.length === 0) return setError(t('dispatcher.needAction'));
    if (!complete(conditions, actions)) return setError(t('dispatcher.incomplete'));
    save.mutate(
      { id: rule?.id ?? null, input: { name, trigger, conditions, actions, ...(rule ? {} : { enabled: true }) } },
      { onSuccess: onClose, onError: (e) => setError(errorText(e, t)) },
    );
  };
  const channelOptions = channelTypes.map((c) => ({ value: c, label: t(`channel.${c}`) }));

  const conditionFields = (c: RuleCondition, i: number) => {
    switch (c.type) {
      case 'channel':
        return <MultiSelect label={t('dispatcher.channels')} data={channelOptions} value={c.channels} onChange={(v) => setCondition(i, { ...c, channels: v as typeof c.channels })} />;
      case 'department':
        return <MultiSelect label={t('dispatcher.departments')} data={refs.departments} value={c.departmentIds} onChange={(v) => setCondition(i, { ...c, departmentIds: v })} />;
      case 'status':
        return <MultiSelect label={t('dispatcher.statuses')} data={refs.statuses} value={c.statuses} onChange={(v) => setCondition(i, { ...c, statuses: v })} />;
      case 'text':
        return <TextInput label={t('dispatcher.text')} value={c.contains} onChange={(e) => setCondition(i, { ...c, contains: e.currentTarget.value })} data-testid={`condition-text-${i}`} />;
      case 'working-hours':
        return (
          <Select
            label={t('dispatcher.hours')}
            allowDeselect={false}
            data={[
              { value: 'inside', label: t('dispatcher.inside') },
              { value: 'outside', label: t('dispatcher.outside') },
            ]}
            value={c.inside ? 'inside' : 'outside'}
            onChange={(v) => setCondition(i, { ...c, inside: v === 'inside' })}
          />
        );
    }
  };

  const actionFields = (a: RuleAction, i: number) => {
    switch (a.type) {
      case 'assign':
        return (
          <Stack gap={6}>
            <Group grow align="flex-end" wrap="nowrap">
              <Select label={t('dispatcher.group')} data={refs.groups} value={a.groupId || null} onChange={(v) => setAction(i, { ...a, groupId: v ?? '' })} searchable data-testid={`action-group-${i}`} />
              <Select
                label={t('dispatcher.strategyLabel')}
                allowDeselect={false}
                data={(['least-busy', 'round-robin'] as const).map((s) => ({ value: s, label: t(`dispatcher.strategy.${s}`) }))}
                value={a.strategy ?? 'least-busy'}
                onChange={(v) => setAction(i, { ...a, strategy: v === 'round-robin' ? 'round-robin' : 'least-busy' })}
              />
            </Group>
            <Switch size="xs" label={t('dispatcher.preferPrevious')} checked={a.preferPrevious ?? false} onChange={(e) => setAction(i, { ...a, preferPrevious: e.currentTarget.checked })} />
          </Stack>
        );
      case 'change-department':
        return <Select label={t('dispatcher.department')} data={refs.departments} value={a.departmentId || null} onChange={(v) => setAction(i, { ...a, departmentId: v ?? '' })} />;
      case 'change-status':
        return <Select label={t('dispatcher.status')} data={refs.statuses} value={a.status || null} onChange={(v) => setAction(i, { ...a, status: v ?? '' })} />;
      case 'add-comment':
        return <Textarea label={t('dispatcher.comment')} autosize minRows={1} value={a.body} onChange={(e) => setAction(i, { ...a, body: e.currentTarget.value })} />;
      case 'send-template':
        return <Select label={t('dispatcher.template')} data={refs.templates} value={a.templateId || null} onChange={(v) => setAction(i, { ...a, templateId: v ?? '' })} searchable />;
      case 'set-priority':
        return (
          <Select
            label={t('dispatcher.priority')}
            allowDeselect={false}
            data={priorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            value={a.priority}
            onChange={(v) => setAction(i, { ...a, priority: priorities.find((p) => p === v) ?? 'normal' })}
          />
        );
    }
  };

  return (
    <Modal opened onClose={onClose} title={rule ? t('dispatcher.editTitle') : t('dispatcher.add')} size="xl" centered>
      <form onSubmit={submit} data-testid="rule-form">
        <Stack>
          <FormError error={error} />
          <TextInput label={t('dispatcher.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="rule-name" />
          <Group grow align="flex-end">
            <Select
              label={t('dispatcher.trigger')}
              allowDeselect={false}
              data={triggerTypes.map((type) => ({ value: type, label: t(`dispatcher.triggerType.${triggerKey(type)}`) }))}
              value={trigger.type}
              onChange={(v) => v && setTrigger(newTrigger(v as RuleTrigger['type']))}
              data-testid="rule-trigger"
            />
            {trigger.type === 'ticket.unanswered' && (
              <NumberInput label={t('dispatcher.minutes')} min={1} max={10080} value={trigger.minutes} onChange={(v) => setTrigger({ ...trigger, minutes: Number(v) || 1 })} />
            )}
            {trigger.type === 'operator.status-changed' && (
              <Select
                label={t('dispatcher.toStatus')}
                placeholder={t('dispatcher.anyStatus')}
                data={refs.operatorStatuses}
                value={trigger.toStatus ?? null}
                onChange={(v) => setTrigger({ ...trigger, toStatus: v })}
                clearable
              />
            )}
          </Group>

          <Divider label={t('dispatcher.conditions')} labelPosition="left" />
          <Text size="xs" c="dimmed" mt={-8}>
            {t('dispatcher.conditionsHint')}
          </Text>
          {conditions.map((c, i) => (
            <Row key={i} index={i} kind="condition" onRemove={() => setConditions((all) => all.filter((_, j) => j !== i))}>
              <Select
                label={t('dispatcher.type')}
                allowDeselect={false}
                data={conditionTypes.map((type) => ({ value: type, label: t(`dispatcher.conditionType.${type}`) }))}
                value={c.type}
                onChange={(v) => v && setCondition(i, newCondition(v as RuleCondition['type']))}
                data-testid={`condition-type-${i}`}
              />
              {conditionFields(c, i)}
            </Row>
          ))}
          <Group>
            <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setConditions((all) => [...all, newCondition('channel')])} data-testid="add-condition">
              {t('dispatcher.addCondition')}
            </Button>
          </Group>

          <Divider label={t('dispatcher.actions')} labelPosition="left" />
          {actions.map((a, i) => (
            <Row key={i} index={i} kind="action" onRemove={() => setActions((all) => all.filter((_, j) => j !== i))}>
              <Select
                label={t('dispatcher.type')}
                allowDeselect={false}
                data={actionTypes.map((type) => ({ value: type, label: t(`dispatcher.actionType.${type}`) }))}
                value={a.type}
                onChange={(v) => v && setAction(i, newAction(v as RuleAction['type']))}
                data-testid={`action-type-${i}`}
              />
              {actionFields(a, i)}
            </Row>
          ))}
          <Group>
            <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setActions((all) => [...all, newAction('set-priority')])} data-testid="add-action">
              {t('dispatcher.addAction')}
            </Button>
          </Group>
          <FormButtons onCancel={onClose} saving={save.isPending} saveTestId="rule-save" />
        </Stack>
      </form>
    </Modal>
  );
}
