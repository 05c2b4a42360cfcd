import { adminPermissions, omniPermissions, type Group, type Permission } from '@omnichannel/contracts';
import { Badge, Button, Checkbox, Group as Row, Modal, MultiSelect, Paper, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/errors';
import { can } from '../../../lib/permissions';
import { useMe } from '../../auth';
import { useDeleteGroup, useEmployees, useGroups, useSaveGroup } from '../api/admin';
import { DeleteConfirm, FormButtons, FormError } from '../../../components/confirm-modal';
import { PageFrame } from '../../../components/page-frame';
import { RowActions } from '../../../components/row-actions';

/** CORE-3: groups and their rights; the "Omni" tab holds exactly the five rights of PERM-1…5. */
export function GroupsPage() {
  const { t } = useTranslation();
  const groups = useGroups();
  const remove = useDeleteGroup();
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Group | null>(null);

  return (
    <PageFrame
      title={t('admin.groups.title')}
      description={t('admin.groups.description')}
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="add-group">
          {t('admin.groups.add')}
        </Button>
      }
    >
      <Paper withBorder radius="md">
        <Table verticalSpacing="sm" data-testid="groups-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.groups.name')}</Table.Th>
              <Table.Th>{t('admin.groups.rights')}</Table.Th>
              <Table.Th>{t('admin.groups.members')}</Table.Th>
              <Table.Th w={90} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.data?.items.map((g) => (
              <Table.Tr key={g.id} data-testid="group-row">
                <Table.Td>
                  <Text fw={600} size="sm">
                    {g.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Row gap={4}>
                    {g.permissions.map((p) => (
                      <Badge key={p} variant="light" color={p.startsWith('omni') ? 'teal' : 'indigo'}>
                        {t(`permissions.${p}.name`)}
                      </Badge>
                    ))}
                  </Row>
                </Table.Td>
                <Table.Td>{g.memberIds.length}</Table.Td>
                <Table.Td>
                  <RowActions onEdit={() => setEditing(g)} onDelete={() => setDeleting(g)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing && <GroupModal group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <DeleteConfirm
        item={deleting}
        keyOf={(g) => g.id}
        remove={remove}
        title={t('admin.groups.deleteTitle')}
        text={t('admin.groups.deleteText', { name: deleting?.name })}
        onClose={() => setDeleting(null)}
      />
    </PageFrame>
  );
}

function GroupModal({ group, onClose }: { group: Group | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const employees = useEmployees(can(me, 'admin.employees'));
  const save = useSaveGroup();
  const [name, setName] = useState(group?.name ?? '');
  const [permissions, setPermissions] = useState<Permission[]>(group?.permissions ?? []);
  const [memberIds, setMemberIds] = useState<string[]>(group?.memberIds ?? []);
  const [error, setError] = useState<string | null>(null);

  const toggle = (p: Permission, on: boolean) => setPermissions((current) => (on ? [...current, p] : current.filter((x) => x !== p)));
  const rights = (list: readonly Permission[]) => (
    <Stack gap="md" pt="md">
      {list.map((p) => (
        <Checkbox
          key={p}
          label={t(`permissions.${p}.name`)}
          description={t(`permissions.${p}.description`)}
          checked={permissions.includes(p)}
          onChange={(e) => toggle(p, e.currentTarget.checked)}
          data-testid={`right-${p}`}
        />
      ))}
    </Stack>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: group?.id ?? null, input: { name, permissions, memberIds } }, { onSuccess: onClose, onError: (e) => setError(errorText(e, t)) });
  };

  return (
    <Modal opened onClose={onClose} title={group ? t('admin.groups.editTitle') : t('admin.groups.add')} centered size="lg">
      <form onSubmit={submit} data-testid="group-form">
        <Stack>
          <FormError error={error} />
          <TextInput label={t('admin.groups.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="group-name" />
          <Tabs defaultValue="omni">
            <Tabs.List>
              <Tabs.Tab value="omni" data-testid="tab-omni">
                Omni
              </Tabs.Tab>
              <Tabs.Tab value="admin">{t('admin.groups.administration')}</Tabs.Tab>
              <Tabs.Tab value="members">{t('admin.groups.members')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="omni">{rights(omniPermissions)}</Tabs.Panel>
            <Tabs.Panel value="admin">{rights(adminPermissions)}</Tabs.Panel>
            <Tabs.Panel value="members" pt="md">
              <MultiSelect
                label={t('admin.groups.members')}
                data={employees.data?.items.map((e) => ({ value: e.id, label: `${e.name} (${e.email})` })) ?? []}
                value={memberIds}
                onChange={setMemberIds}
                searchable
                disabled={!can(me, 'admin.employees')}
              />
            </Tabs.Panel>
          </Tabs>
          <FormButtons onCancel={onClose} saving={save.isPending} saveTestId="save-group" />
        </Stack>
      </form>
    </Modal>
  );
}
