import type { Department } from '@omnichannel/contracts';
import { Avatar, Button, Group, Modal, MultiSelect, NumberInput, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/errors';
import { can } from '../../../lib/permissions';
import { useMe } from '../../auth';
import { useDeleteDepartment, useDepartments, useEmployees, useSaveDepartment } from '../api/admin';
import { DeleteConfirm, FormButtons, FormError } from '../../../components/confirm-modal';
import { PageFrame } from '../../../components/page-frame';
import { RowActions } from '../../../components/row-actions';

/** CORE-2: departments, their shared name and avatar, default deadline, and who works in them. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const remove = useDeleteDepartment();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Department | null>(null);
  return (
    <PageFrame
      title={t('admin.departments.title')}
      description={t('admin.departments.description')}
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="add-department">
          {t('admin.departments.add')}
        </Button>
      }
    >
      <Paper withBorder radius="md">
        <Table verticalSpacing="sm" data-testid="departments-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.departments.name')}</Table.Th>
              <Table.Th>{t('admin.departments.displayName')}</Table.Th>
              <Table.Th>{t('admin.departments.deadline')}</Table.Th>
              <Table.Th>{t('admin.departments.members')}</Table.Th>
              <Table.Th w={90} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {departments.data?.items.map((d) => (
              <Table.Tr key={d.id} data-testid="department-row">
                <Table.Td>
                  <Text fw={600} size="sm">
                    {d.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {d.avatarUrl && <Avatar src={d.avatarUrl} size={24} radius="xl" />}
                    <Text size="sm">{d.displayName ?? '—'}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>{d.defaultDeadlineMinutes ? t('admin.departments.minutes', { count: d.defaultDeadlineMinutes }) : '—'}</Table.Td>
                <Table.Td>{d.memberIds.length}</Table.Td>
                <Table.Td>
                  <RowActions onEdit={() => setEditing(d)} onDelete={() => setDeleting(d)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing && <DepartmentModal department={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <DeleteConfirm
        item={deleting}
        keyOf={(d) => d.id}
        remove={remove}
        title={t('admin.departments.deleteTitle')}
        text={t('admin.departments.deleteText', { name: deleting?.name })}
        onClose={() => setDeleting(null)}
      />
    </PageFrame>
  );
}

function DepartmentModal({ department, onClose }: { department: Department | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const employees = useEmployees(can(me, 'admin.employees'));
  const save = useSaveDepartment();
  const [name, setName] = useState(department?.name ?? '');
  const [displayName, setDisplayName] = useState(department?.displayName ?? '');
  const [avatarUrl, setAvatarUrl] = useState(department?.avatarUrl ?? '');
  const [deadline, setDeadline] = useState<number | string>(department?.defaultDeadlineMinutes ?? '');
  const [memberIds, setMemberIds] = useState<string[]>(department?.memberIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: department?.id ?? null,
        input: {
          name,
          displayName: displayName.trim() || null,
          avatarUrl: avatarUrl.trim() || null,
          defaultDeadlineMinutes: typeof deadline === 'number' ? deadline : null,
          memberIds,
        },
      },
      { onSuccess: onClose, onError: (e) => setError(errorText(e, t)) },
    );
  };
  return (
    <Modal opened onClose={onClose} title={department ? t('admin.departments.editTitle') : t('admin.departments.add')} centered size="lg">
      <form onSubmit={submit} data-testid="department-form">
        <Stack>
          <FormError error={error} />
          <TextInput label={t('admin.departments.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="department-name" />
          <TextInput
            label={t('admin.departments.displayName')}
            description={t('admin.departments.displayNameHint')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
          />
          <TextInput label={t('admin.departments.avatar')} placeholder="https://…" value={avatarUrl} onChange={(e) => setAvatarUrl(e.currentTarget.value)} />
          <NumberInput label={t('admin.departments.deadline')} min={1} value={deadline} onChange={setDeadline} suffix={` ${t('admin.departments.min')}`} />
          <MultiSelect
            label={t('admin.departments.members')}
            data={employees.data?.items.map((e) => ({ value: e.id, label: `${e.name} (${e.email})` })) ?? []}
            value={memberIds}
            onChange={setMemberIds}
            searchable
            disabled={!can(me, 'admin.employees')}
            data-testid="department-members"
          />
          <FormButtons onCancel={onClose} saving={save.isPending} saveTestId="save-department" />
        </Stack>
      </form>
    </Modal>
  );
}
