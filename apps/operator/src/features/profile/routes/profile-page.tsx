import { ActionIcon, Alert, Avatar, Button, Code, CopyButton, Group, Modal, Paper, PasswordInput, Select, Stack, Switch, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconKey, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/errors';
import { setLanguage } from '../../../lib/i18n';
import { requestDesktopPermission } from '../../../lib/notify';
import { useMe } from '../../auth';
import { PageFrame } from '../../../components/page-frame';
import { useChangePassword, useCreateToken, useNotificationChoice, useRevokeToken, useTokens, useUpdateProfile } from '../api/profile';

/** The employee's own profile: name, avatar, language, notifications, password, API tokens (API-1). */
export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <PageFrame title={t('profile.title')} description={t('profile.description')}>
      <ProfileForm />
      <NotificationsForm />
      <PasswordForm />
      <Tokens />
    </PageFrame>
  );
}

/** NAV-7: a sound and a browser notification for new requests and messages, each switchable. */
function NotificationsForm() {
  const { t } = useTranslation();
  const me = useMe().data;
  const update = useNotificationChoice();
  const denied = typeof Notification !== 'undefined' && Notification.permission === 'denied';
  const set = (patch: { notifySound?: boolean; notifyDesktop?: boolean }) => {
    if (patch.notifyDesktop) requestDesktopPermission();
    update.mutate(patch, { onError: (e) => notifications.show({ color: 'red', title: t('admin.notSaved'), message: errorText(e, t) }) });
  };
  if (!me) return null;
  return (
    <Paper withBorder radius="md" p="lg" data-testid="notifications-form">
      <Title order={4} mb={4}>
        {t('profile.notifications')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('profile.notificationsHint')}
      </Text>
      <Stack gap="sm">
        <Switch
          label={t('profile.notifySound')}
          checked={me.notifySound}
          onChange={(e) => set({ notifySound: e.currentTarget.checked })}
          data-testid="notify-sound"
        />
        <Switch
          label={t('profile.notifyDesktop')}
          description={denied ? t('profile.notifyDenied') : t('profile.notifyDesktopHint')}
          checked={me.notifyDesktop}
          onChange={(e) => set({ notifyDesktop: e.currentTarget.checked })}
          data-testid="notify-desktop"
        />
      </Stack>
    </Paper>
  );
}

function ProfileForm() {
  const { t } = useTranslation();
  const me = useMe().data;
  const update = useUpdateProfile();
  const [name, setName] = useState(me?.name ?? '');
  const [avatarUrl, setAvatarUrl] = useState(me?.avatarUrl ?? '');
  const [language, setLang] = useState<string | null>(me?.language ?? null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const lang = language === 'ru' || language === 'en' ? language : null;
    update.mutate(
      { name, avatarUrl: avatarUrl.trim() || null, language: lang },
      {
        onSuccess: () => {
          if (lang) setLanguage(lang);
          notifications.show({ color: 'teal', message: t('profile.saved') });
        },
        onError: (e) => notifications.show({ color: 'red', title: t('admin.notSaved'), message: errorText(e, t) }),
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="lg" component="form" onSubmit={submit} data-testid="profile-form">
      <Group align="flex-start" gap="xl">
        <Avatar size={72} radius="xl" color="teal" src={avatarUrl || undefined}>
          {name.slice(0, 1).toUpperCase()}
        </Avatar>
        <Stack style={{ flex: 1 }} maw={480}>
          <TextInput label={t('admin.employees.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label={t('profile.avatar')} placeholder="https://…" value={avatarUrl} onChange={(e) => setAvatarUrl(e.currentTarget.value)} />
          <Select
            label={t('profile.language')}
            data={[
              { value: 'en', label: 'English' },
              { value: 'ru', label: 'Русский' },
            ]}
            clearable
            placeholder={t('profile.browserLanguage')}
            value={language}
            onChange={(v) => setLang(v)}
            data-testid="profile-language"
          />
          <Group>
            <Button type="submit" loading={update.isPending} data-testid="save-profile">
              {t('admin.save')}
            </Button>
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          notifications.show({ color: 'teal', message: t('profile.passwordChanged') });
        },
        onError: (e) => notifications.show({ color: 'red', title: t('admin.notSaved'), message: errorText(e, t) }),
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="lg" component="form" onSubmit={submit}>
      <Title order={4} mb="xs">
        {t('profile.password')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('profile.passwordHint')}
      </Text>
      <Stack maw={480}>
        <PasswordInput label={t('profile.currentPassword')} required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} />
        <PasswordInput label={t('profile.newPassword')} required value={next} onChange={(e) => setNext(e.currentTarget.value)} />
        <Group>
          <Button type="submit" variant="light" loading={change.isPending}>
            {t('profile.changePassword')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Tokens() {
  const { t, i18n } = useTranslation();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—');
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4} mb="xs">
        {t('profile.tokens')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('profile.tokensHint')}
      </Text>
      <Group
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(name, {
            onSuccess: (created) => {
              setName('');
              setShown(created.token);
            },
            onError: (err) => notifications.show({ color: 'red', message: errorText(err, t) }),
          });
        }}
        align="flex-end"
        mb="md"
      >
        <TextInput label={t('profile.tokenName')} placeholder="CRM" value={name} onChange={(e) => setName(e.currentTarget.value)} required data-testid="token-name" />
        <Button type="submit" leftSection={<IconKey size={16} />} loading={create.isPending} data-testid="create-token">
          {t('profile.createToken')}
        </Button>
      </Group>
      {tokens.data && tokens.data.items.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('profile.tokenName')}</Table.Th>
              <Table.Th>{t('profile.created')}</Table.Th>
              <Table.Th>{t('profile.lastUsed')}</Table.Th>
              <Table.Th w={48} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.items.map((token) => (
              <Table.Tr key={token.id} data-testid="token-row">
                <Table.Td>{token.name}</Table.Td>
                <Table.Td>{date(token.createdAt)}</Table.Td>
                <Table.Td>{date(token.lastUsedAt)}</Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" onClick={() => revoke.mutate(token.id)} aria-label={t('profile.revoke')}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={shown !== null} onClose={() => setShown(null)} title={t('profile.tokenCreated')} centered size="lg">
        <Alert color="yellow" mb="md">
          {t('profile.tokenOnce')}
        </Alert>
        <Group wrap="nowrap" gap="xs">
          <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="new-token">
            {shown}
          </Code>
          <CopyButton value={shown ?? ''}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('profile.copied') : t('profile.copy')}>
                <ActionIcon variant="light" onClick={copy} aria-label={t('profile.copy')}>
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </Modal>
    </Paper>
  );
}
