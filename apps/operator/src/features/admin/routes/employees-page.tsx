import type { Employee } from '@omnichannel/contracts';
import {
  ActionIcon,
  Avatar,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  MultiSelect,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/errors';
import { can } from '../../../lib/permissions';
import { useMe } from '../../auth';
import {
  useCreateEmployee,
  useDeleteEmployee,
  useDepartments,
  useEmployees,
  useGroups,
  useSetEmployeePassword,
  useUpdateEmployee,
} from '../api/admin';
import { DeleteConfirm, FormButtons, FormError } from '../../../components/confirm-modal';
import { PageFrame } from '../../../components/page-frame';

type Editing = { mode: 'create' } | { mode: 'edit'; employee: Employee } | { mode: 'password'; employee: Employee } | null;

/** Employees: create, edit, disable, delete (their tickets stay), set a password. */
export function EmployeesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const employees = useEmployees();
  const groups = useGroups(can(me, 'admin.groups'));
  const departments = useDepartments(can(me, 'admin.departments'));
  const update = useUpdateEmployee();
  const remove = useDeleteEmployee();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Employee | null>(null);

  const groupName = new Map(groups.data?.items.map((g) => [g.id, g.name]));
  const departmentName = new Map(departments.data?.items.map((d) => [d.id, d.name]));
  const fail = (error: unknown) => notifications.show({ color: 'red', title: t('admin.notSaved'), message: errorText(error, t) });

  return (
    <PageFrame
      title={t('admin.employees.title')}
      description={t('admin.employees.description')}
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ mode: 'create' })} data-testid="add-employee">
          {t('admin.employees.add')}
        </Button>
      }
    >
      <Paper withBorder radius="md">
        <Table verticalSpacing="sm" highlightOnHover data-testid="employees-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.employees.name')}</Table.Th>
              <Table.Th>{t('admin.employees.groups')}</Table.Th>
              <Table.Th>{t('admin.employees.departments')}</Table.Th>
              <Table.Th>{t('admin.employees.status')}</Table.Th>
              <Table.Th w={48} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {employees.data?.items.map((e) => (
              <Table.Tr key={e.id} data-testid="employee-row" data-email={e.email}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Avatar size={32} radius="xl" color="teal" src={e.avatarUrl ?? undefined}>
                      {e.name.slice(0, 1).toUpperCase()}
                    </Avatar>
                    <div>
                      <Text size="sm" fw={600}>
                        {e.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {e.email}
                      </Text>
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {e.groupIds.map((id) => (
                      <Badge key={id} variant="light" color="indigo">
                        {groupName.get(id) ?? '…'}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {e.departmentIds.map((id) => (
                      <Badge key={id} variant="light" color="gray">
                        {departmentName.get(id) ?? '…'}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge color={e.disabled ? 'red' : 'teal'} variant="dot" data-testid="employee-status">
                    {e.disabled ? t('admin.employees.disabled') : t('admin.employees.active')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={t('admin.actions')} data-testid="employee-actions">
                        <IconDots size={18} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setEditing({ mode: 'edit', employee: e })}>{t('admin.edit')}</Menu.Item>
                      <Menu.Item onClick={() => setEditing({ mode: 'password', employee: e })}>{t('admin.employees.setPassword')}</Menu.Item>
                      <Menu.Item
                        onClick={() =>
                          update.mutate(
                            { id: e.id, patch: { disabled: !e.disabled } },
                            {
                              onSuccess: () =>
                                notifications.show({ color: 'teal', message: e.disabled ? t('admin.employees.enabledToast') : t('admin.employees.disabledToast') }),
                              onError: fail,
                            },
                          )
                        }
                        data-testid={e.disabled ? 'enable-employee' : 'disable-employee'}
                      >
                        {e.disabled ? t('admin.employees.enable') : t('admin.employees.disable')}
                      </Menu.Item>
                      <Menu.Divider />
                      <Menu.Item color="red" onClick={() => setDeleting(e)}>
                        {t('admin.delete')}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      {editing && (editing.mode === 'password' ? (
        <PasswordModal employee={editing.employee} onClose={() => setEditing(null)} />
      ) : (
        <EmployeeModal employee={editing.mode === 'edit' ? editing.employee : null} onClose={() => setEditing(null)} />
      ))}
      <DeleteConfirm
        item={deleting}
        keyOf={(e) => e.id}
        remove={remove}
        title={t('admin.employees.deleteTitle')}
        text={t('admin.employees.deleteText', { name: deleting?.name })}
        onClose={() => setDeleting(null)}
      />
    </PageFrame>
  );
}

function EmployeeModal({ employee, onClose }: { employee: Employee | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const mayGroups = can(me, 'admin.groups');
  const mayDepartments = can(me, 'admin.departments');
  const groups = useGroups(mayGroups);
  const departments = useDepartments(mayDepartments);
  const create = useCreateEmployee();
  const update = useUpdateEmployee();
  const [name, setName] = useState(employee?.name ?? '');
  const [email, setEmail] = useState(employee?.email ?? '');
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<string | null>(employee?.language ?? null);
  const [groupIds, setGroupIds] = useState<string[]>(employee?.groupIds ?? []);
  const [departmentIds, setDepartmentIds] = useState<string[]>(employee?.departmentIds ?? []);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const lang = language === 'ru' || language === 'en' ? language : null;
    const assignments = { ...(mayGroups ? { groupIds } : {}), ...(mayDepartments ? { departmentIds } : {}) };
    const done = { onSuccess: onClose, onError: (e: unknown) => setError(errorText(e, t)) };
    if (employee) update.mutate({ id: employee.id, patch: { name, email, language: lang, ...assignments } }, done);
    else create.mutate({ name, email, password, language: lang, ...assignments }, done);
  };

  return (
    <Modal opened onClose={onClose} title={employee ? t('admin.employees.editTitle') : t('admin.employees.add')} centered size="lg">
      <form onSubmit={submit} data-testid="employee-form">
        <Stack>
          <FormError error={error} />
          <TextInput label={t('admin.employees.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label={t('signIn.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          {!employee && (
            <PasswordInput
              label={t('signIn.password')}
              description={t('admin.employees.passwordHint')}
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
          )}
          <Select
            label={t('profile.language')}
            data={[
              { value: 'en', label: 'English' },
              { value: 'ru', label: 'Русский' },
            ]}
            clearable
            placeholder={t('profile.browserLanguage')}
            value={language}
            onChange={setLanguage}
          />
          {mayGroups && (
            <MultiSelect
              label={t('admin.employees.groups')}
              data={groups.data?.items.map((g) => ({ value: g.id, label: g.name })) ?? []}
              value={groupIds}
              onChange={setGroupIds}
              searchable
              data-testid="employee-groups"
            />
          )}
          {mayDepartments && (
            <MultiSelect
              label={t('admin.employees.departments')}
              data={departments.data?.items.map((d) => ({ value: d.id, label: d.name })) ?? []}
              value={departmentIds}
              onChange={setDepartmentIds}
              searchable
              data-testid="employee-departments"
            />
          )}
          <FormButtons onCancel={onClose} saving={create.isPending || update.isPending} saveTestId="save-employee" />
        </Stack>
      </form>
    </Modal>
  );
}

function PasswordModal({ employee, onClose }: { employee: Employee; onClose: () => void }) {
  const { t } = useTranslation();
  const setPassword = useSetEmployeePassword();
  const [password, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={t('admin.employees.setPasswordFor', { name: employee.name })} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setPassword.mutate(
            { id: employee.id, password },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('admin.employees.passwordSet') });
                onClose();
              },
              onError: (err) => setError(errorText(err, t)),
            },
          );
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('admin.employees.passwordSignsOut')}
          </Text>
          {error && (
            <Text c="red" size="sm">
              {error}
            </Text>
          )}
          <PasswordInput label={t('profile.newPassword')} required value={password} onChange={(e) => setValue(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button type="submit" loading={setPassword.isPending}>
              {t('admin.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
