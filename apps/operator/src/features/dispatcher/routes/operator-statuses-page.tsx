import type { OperatorStatus } from '@omnichannel/contracts';
import { Badge, Button, Group, Modal, NumberInput, Paper, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteConfirm, FormButtons, FormError } from '../../../components/confirm-modal';
import { PageFrame } from '../../../components/page-frame';
import { RowActions } from '../../../components/row-actions';
import { errorText } from '../../../lib/errors';
import { useDeleteOperatorStatus, useSaveOperatorStatus } from '../api/dispatcher';
import { useOperatorStatuses } from '../api/presence';
import { StatusDot, statusColor } from '../components/status-switcher';

/** DSP-1: online, away and offline, plus the administrator's own statuses, each receiving chats or not. */
export function OperatorStatusesPage() {
  const { t } = useTranslation();
  const statuses = useOperatorStatuses();
  const remove = useDeleteOperatorStatus();
  const [editing, setEditing] = useState<OperatorStatus | 'new' | null>(null);
  const [deleting, setDeleting] = useState<OperatorStatus | null>(null);
  return (
    <PageFrame
      title={t('operatorStatuses.title')}
      description={t('operatorStatuses.description')}
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="add-operator-status">
          {t('operatorStatuses.add')}
        </Button>
      }
    >
      <Paper withBorder radius="md">
        <Table verticalSpacing="sm" data-testid="operator-statuses-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('operatorStatuses.name')}</Table.Th>
              <Table.Th>{t('operatorStatuses.code')}</Table.Th>
              <Table.Th>{t('operatorStatuses.receivesChats')}</Table.Th>
              <Table.Th>{t('operatorStatuses.position')}</Table.Th>
              <Table.Th w={90} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {statuses.data?.items.map((s) => (
              <Table.Tr key={s.code} data-testid="operator-status-row">
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    <StatusDot color={statusColor(s)} />
                    <Text size="sm" fw={600}>
                      {s.name}
                    </Text>
                    {s.builtin && (
                      <Badge variant="outline" color="gray" size="sm">
                        {t('operatorStatuses.builtIn')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {s.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={s.receivesChats ? 'teal' : 'gray'}>
                    {s.receivesChats ? t('operatorStatuses.yes') : t('operatorStatuses.no')}
                  </Badge>
                </Table.Td>
                <Table.Td>{s.position}</Table.Td>
                <Table.Td>
                  <RowActions onEdit={() => setEditing(s)} onDelete={s.builtin ? undefined : () => setDeleting(s)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing && <OperatorStatusModal status={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <DeleteConfirm
        item={deleting}
        keyOf={(s) => s.code}
        remove={remove}
        title={t('operatorStatuses.deleteTitle')}
        text={t('operatorStatuses.deleteText', { name: deleting?.name })}
        onClose={() => setDeleting(null)}
      />
    </PageFrame>
  );
}

function OperatorStatusModal({ status, onClose }: { status: OperatorStatus | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveOperatorStatus();
  const builtin = status?.builtin ?? false;
  const [name, setName] = useState(status?.name ?? '');
  const [code, setCode] = useState(status?.code ?? '');
  const [receivesChats, setReceivesChats] = useState(status?.receivesChats ?? false);
  const [position, setPosition] = useState<number | string>(status?.position ?? 100);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = { name, receivesChats, position: Number(position) || 0 };
    save.mutate(status ? { code: status.code, input: builtin ? { name } : fields } : { code: null, input: { code, ...fields } }, {
      onSuccess: onClose,
      onError: (e) => setError(errorText(e, t)),
    });
  };
  return (
    <Modal opened onClose={onClose} title={status ? t('operatorStatuses.editTitle') : t('operatorStatuses.add')} centered>
      <form onSubmit={submit} data-testid="operator-status-form">
        <Stack>
          <FormError error={error} />
          {builtin && (
            <Text size="sm" c="dimmed">
              {t('operatorStatuses.builtInHint')}
            </Text>
          )}
          <TextInput label={t('operatorStatuses.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="operator-status-name" />
          <TextInput
            label={t('operatorStatuses.code')}
            description={t('operatorStatuses.codeHint')}
            required
            value={code}
            disabled={status !== null}
            onChange={(e) => setCode(e.currentTarget.value)}
            data-testid="operator-status-code"
          />
          <Switch
            label={t('operatorStatuses.receivesChats')}
            description={t('operatorStatuses.receivesChatsHint')}
            checked={receivesChats}
            disabled={builtin}
            onChange={(e) => setReceivesChats(e.currentTarget.checked)}
          />
          <NumberInput label={t('operatorStatuses.position')} min={0} max={1000} value={position} onChange={setPosition} disabled={builtin} />
          <FormButtons onCancel={onClose} saving={save.isPending} saveTestId="operator-status-save" />
        </Stack>
      </form>
    </Modal>
  );
}
