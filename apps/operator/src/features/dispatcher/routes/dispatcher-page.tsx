import type { DispatchRule, OperatorPresence } from '@omnichannel/contracts';
import { ActionIcon, Badge, Box, Button, Group, MultiSelect, NumberInput, Paper, SimpleGrid, Stack, Switch, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconCopy, IconPlus } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteConfirm } from '../../../components/confirm-modal';
import { PageFrame } from '../../../components/page-frame';
import { RowActions } from '../../../components/row-actions';
import { errorText } from '../../../lib/errors';
import { useOmniSettings, useUpdateOmniSettings } from '../../settings';
import { useStatusLabel, useStatuses } from '../../tickets';
import { useCopyRule, useDeleteRule, useOperators, useReorderRules, useRules, useSaveRule, useSetChatLimit } from '../api/dispatcher';
import { useOperatorStatuses } from '../api/presence';
import { RuleEditor } from '../components/rule-editor';
import { StatusDot, statusColor } from '../components/status-switcher';
import { useRuleReferences } from '../components/use-rule-names';
import { ruleSummary } from '../rule-summary';

/** DSP-3…DSP-6, SET-4: the ordered rules, the limits and presence settings, and each operator's load. */
export function DispatcherPage() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<DispatchRule | 'new' | null>(null);
  return (
    <PageFrame
      title={t('dispatcher.title')}
      description={t('dispatcher.description')}
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="add-rule">
          {t('dispatcher.add')}
        </Button>
      }
    >
      <RulesList onEdit={setEditing} />
      <LimitsForm />
      <OperatorsTable />
      {editing && <RuleEditor rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </PageFrame>
  );
}

function RulesList({ onEdit }: { onEdit: (rule: DispatchRule) => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const names = useRuleReferences();
  const save = useSaveRule();
  const copy = useCopyRule();
  const reorder = useReorderRules();
  const remove = useDeleteRule();
  const [deleting, setDeleting] = useState<DispatchRule | null>(null);
  const items = rules.data?.items ?? [];
  const failed = (e: Error) => notifications.show({ color: 'red', title: t('admin.notSaved'), message: errorText(e, t) });
  const move = (index: number, by: -1 | 1) => {
    const ids = items.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    if (id === undefined) return;
    ids.splice(index + by, 0, id);
    reorder.mutate(ids, { onError: failed });
  };
  return (
    <Paper withBorder radius="md" data-testid="rules">
      {items.length === 0 && !rules.isPending && (
        <Text c="dimmed" size="sm" p="lg" data-testid="rules-empty">
          {t('dispatcher.empty')}
        </Text>
      )}
      {items.map((rule, index) => (
        <Group
          key={rule.id}
          wrap="nowrap"
          gap="md"
          px="md"
          py="sm"
          align="center"
          style={{ borderTop: index > 0 ? '1px solid var(--mantine-color-gray-3)' : undefined, opacity: rule.enabled ? 1 : 0.6 }}
          data-testid="rule-row"
          data-rule-id={rule.id}
        >
          <Badge variant="light" color="gray" circle size="lg" style={{ flexShrink: 0 }}>
            {index + 1}
          </Badge>
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Group gap={8} wrap="nowrap">
              <Text fw={600} size="sm" truncate data-testid="rule-name">
                {rule.name}
              </Text>
              {rule.broken && (
                <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} />} style={{ flexShrink: 0 }} data-testid="rule-broken">
                  {t('dispatcher.broken')}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed" data-testid="rule-summary">
              {ruleSummary(rule, t, names)}
            </Text>
            {rule.broken && (
              <Text size="xs" c="red" data-testid="rule-broken-reason">
                {rule.broken}
              </Text>
            )}
          </Box>
          <Tooltip label={t('dispatcher.enabled')}>
            <Switch
              checked={rule.enabled}
              onChange={(e) => save.mutate({ id: rule.id, input: { enabled: e.currentTarget.checked } }, { onError: failed })}
              aria-label={t('dispatcher.enabled')}
              data-testid="rule-enabled"
            />
          </Tooltip>
          <Group gap={2} wrap="nowrap">
            <ActionIcon variant="subtle" color="gray" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('dispatcher.moveUp')} data-testid="rule-up">
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon variant="subtle" color="gray" disabled={index === items.length - 1} onClick={() => move(index, 1)} aria-label={t('dispatcher.moveDown')} data-testid="rule-down">
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => copy.mutate(rule.id, { onSuccess: () => notifications.show({ color: 'teal', message: t('dispatcher.copied') }), onError: failed })}
              aria-label={t('dispatcher.copy')}
              data-testid="rule-copy"
            >
              <IconCopy size={16} />
            </ActionIcon>
            <RowActions onEdit={() => onEdit(rule)} onDelete={() => setDeleting(rule)} />
          </Group>
        </Group>
      ))}
      <DeleteConfirm
        item={deleting}
        keyOf={(r) => r.id}
        remove={remove}
        title={t('dispatcher.deleteTitle')}
        text={t('dispatcher.deleteText', { name: deleting?.name })}
        onClose={() => setDeleting(null)}
      />
    </Paper>
  );
}

function LimitsForm() {
  const { t } = useTranslation();
  const settings = useOmniSettings();
  const update = useUpdateOmniSettings();
  const statuses = useStatuses().data?.items ?? [];
  const statusLabel = useStatusLabel();
  const [limit, setLimit] = useState<number | string>(5);
  const [grace, setGrace] = useState<number | string>(60);
  const [forbid, setForbid] = useState<string[]>([]);
  const [reassignOffline, setReassignOffline] = useState(false);
  const [reassignAfter, setReassignAfter] = useState<number | string>('');
  useEffect(() => {
    if (!settings.data) return;
    setLimit(settings.data.defaultChatLimit);
    setGrace(settings.data.offlineGraceSeconds);
    setForbid(settings.data.forbidOfflineStatuses);
    setReassignOffline(settings.data.reassignOnOffline);
    setReassignAfter(settings.data.reassignAfterMinutes ?? '');
  }, [settings.data]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        defaultChatLimit: Number(limit),
        offlineGraceSeconds: Number(grace),
        forbidOfflineStatuses: forbid,
        reassignOnOffline: reassignOffline,
        reassignAfterMinutes: reassignAfter === '' ? null : Number(reassignAfter),
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('settings.saved') }),
        onError: (e) => notifications.show({ color: 'red', title: t('admin.notSaved'), message: errorText(e, t) }),
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="lg" component="form" onSubmit={submit} data-testid="limits-form">
      <Stack>
        <Title order={4}>{t('dispatcher.limitsTitle')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label={t('dispatcher.defaultChatLimit')} description={t('dispatcher.defaultChatLimitHint')} min={1} max={100} value={limit} onChange={setLimit} data-testid="default-chat-limit" />
          <NumberInput label={t('dispatcher.offlineGrace')} description={t('dispatcher.offlineGraceHint')} min={0} max={86400} value={grace} onChange={setGrace} data-testid="offline-grace" />
        </SimpleGrid>
        <MultiSelect
          label={t('dispatcher.forbidOffline')}
          description={t('dispatcher.forbidOfflineHint')}
          data={statuses.map((s) => ({ value: s.code, label: statusLabel(s.code) }))}
          value={forbid}
          onChange={setForbid}
          clearable
          data-testid="forbid-offline"
        />
        <Switch label={t('dispatcher.reassignOnOffline')} checked={reassignOffline} onChange={(e) => setReassignOffline(e.currentTarget.checked)} data-testid="reassign-offline" />
        <NumberInput
          label={t('dispatcher.reassignAfter')}
          description={t('dispatcher.reassignAfterHint')}
          min={1}
          max={1440}
          maw={520}
          value={reassignAfter}
          onChange={setReassignAfter}
          data-testid="reassign-after"
        />
        <Group>
          <Button type="submit" loading={update.isPending} data-testid="save-limits">
            {t('admin.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function OperatorsTable() {
  const { t } = useTranslation();
  const operators = useOperators();
  const statuses = useOperatorStatuses().data?.items;
  const defaultLimit = useOmniSettings().data?.defaultChatLimit ?? 5;
  const items = operators.data?.items ?? [];
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack>
        <Title order={4}>{t('dispatcher.operatorsTitle')}</Title>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('dispatcher.noOperators')}
          </Text>
        ) : (
          <Table verticalSpacing="xs" data-testid="operators-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dispatcher.operator')}</Table.Th>
                <Table.Th>{t('dispatcher.status')}</Table.Th>
                <Table.Th>{t('dispatcher.load')}</Table.Th>
                <Table.Th w={180}>{t('dispatcher.ownLimit')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => {
                const status = statuses?.find((s) => s.code === o.status);
                return (
                  <Table.Tr key={o.employeeId} data-testid="operator-row">
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {o.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <StatusDot color={statusColor(status)} />
                        <Text size="sm">{status?.name ?? o.status}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={o.activeChats >= o.effectiveLimit ? 'red' : undefined}>
                        {o.activeChats} / {o.effectiveLimit}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <LimitInput operator={o} defaultLimit={defaultLimit} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

/** DSP-4: an operator's own limit, saved when the field is left; empty = the global default. */
function LimitInput({ operator, defaultLimit }: { operator: OperatorPresence; defaultLimit: number }) {
  const { t } = useTranslation();
  const setLimit = useSetChatLimit();
  const [value, setValue] = useState<number | string>(operator.chatLimit ?? '');
  useEffect(() => setValue(operator.chatLimit ?? ''), [operator.chatLimit]);
  const commit = () => {
    const chatLimit = value === '' ? null : Number(value);
    if (chatLimit === operator.chatLimit) return;
    setLimit.mutate(
      { id: operator.employeeId, chatLimit },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('dispatcher.limitSaved') }),
        onError: (e) => notifications.show({ color: 'red', title: t('admin.notSaved'), message: errorText(e, t) }),
      },
    );
  };
  return (
    <NumberInput
      size="xs"
      min={0}
      max={100}
      placeholder={t('dispatcher.defaultPlaceholder', { limit: defaultLimit })}
      value={value}
      onChange={setValue}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      aria-label={t('dispatcher.ownLimit')}
      data-testid="operator-limit"
    />
  );
}
