import type { TicketStatusInfo } from '@omnichannel/contracts';
import { Badge, Button, Group, Modal, NumberInput, Paper, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteConfirm, FormButtons, FormError } from '../../../components/confirm-modal';
import { PageFrame } from '../../../components/page-frame';
import { RowActions } from '../../../components/row-actions';
import { errorText } from '../../../lib/errors';
import { useStatusLabel, useStatuses } from '../../tickets';
import { useDeleteStatus, useSaveStatus } from '../api/workspace';

/** The statuses the live chat itself sets; they can be renamed, not removed. */
const BUILT_IN = new Set(['open', 'in_progress', 'waiting', 'completed']);

/** CORE-4: the ticket statuses employees choose from; a final status ends the ticket's work. */
export function StatusesPage() {
  const { t } = useTranslation();
  const statuses = useStatuses();
  const label = useStatusLabel();
  const remove = useDeleteStatus();
  const [editing, setEditing] = useState<TicketStatusInfo | 'new' | null>(null);
  const [deleting, setDeleting] = useState<TicketStatusInfo | null>(null);
  return (
    <PageFrame
      title={t('statuses.title')}
      description={t('statuses.description')}
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="add-status">
          {t('statuses.add')}
        </Button>
      }
    >
      <Paper withBorder radius="md">
        <Table verticalSpacing="sm" data-testid="statuses-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('statuses.name')}</Table.Th>
              <Table.Th>{t('statuses.code')}</Table.Th>
              <Table.Th>{t('statuses.kind')}</Table.Th>
              <Table.Th>{t('statuses.position')}</Table.Th>
              <Table.Th w={90} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {statuses.data?.items.map((s) => (
              <Table.Tr key={s.code} data-testid="status-row">
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {label(s.code)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {s.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge variant="light" color={s.isFinal ? 'gray' : 'teal'}>
                      {s.isFinal ? t('statuses.final') : t('statuses.open')}
                    </Badge>
                    {BUILT_IN.has(s.code) && (
                      <Badge variant="outline" color="gray">
                        {t('statuses.builtIn')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{s.position}</Table.Td>
                <Table.Td>
                  <RowActions onEdit={() => setEditing(s)} onDelete={BUILT_IN.has(s.code) ? undefined : () => setDeleting(s)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing && <StatusModal status={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <DeleteConfirm
        item={deleting}
        keyOf={(s) => s.code}
        remove={remove}
        title={t('statuses.deleteTitle')}
        text={t('statuses.deleteText', { name: deleting?.name })}
        onClose={() => setDeleting(null)}
      />
    </PageFrame>
  );
}

function StatusModal({ status, onClose }: { status: TicketStatusInfo | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveStatus();
  const [name, setName] = useState(status?.name ?? '');
  const [code, setCode] = useState(status?.code ?? '');
  const [isFinal, setFinal] = useState(status?.isFinal ?? false);
  const [position, setPosition] = useState<number | string>(status?.position ?? 100);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { code: status?.code ?? null, input: { code, name, isFinal, position: Number(position) || 0 } },
      { onSuccess: onClose, onError: (e) => setError(errorText(e, t)) },
    );
  };
  return (
    <Modal opened onClose={onClose} title={status ? t('statuses.editTitle') : t('statuses.add')} centered>
      <form onSubmit={submit} data-testid="status-form">
        <Stack>
          <FormError error={error} />
          <TextInput label={t('statuses.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="status-name" />
          <TextInput
            label={t('statuses.code')}
            description={t('statuses.codeHint')}
            required
            value={code}
            disabled={status !== null}
            onChange={(e) => setCode(e.currentTarget.value)}
            data-testid="status-code"
          />
          <Switch
            label={t('statuses.isFinal')}
            description={t('statuses.isFinalHint')}
            checked={isFinal}
            disabled={status !== null && BUILT_IN.has(status.code)}
            onChange={(e) => setFinal(e.currentTarget.checked)}
          />
          <NumberInput label={t('statuses.position')} min={0} max={1000} value={position} onChange={setPosition} />
          <FormButtons onCancel={onClose} saving={save.isPending} saveTestId="status-save" />
        </Stack>
      </form>
    </Modal>
  );
}
