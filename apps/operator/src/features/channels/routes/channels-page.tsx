import type { AdminChannel } from '@omnichannel/contracts';
import { Alert, Button, Center, Group, Loader, Paper, Stack, Switch, Table, Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal';
import { PageFrame } from '../../../components/page-frame';
import { RowActions } from '../../../components/row-actions';
import { errorText } from '../../../lib/errors';
import { useDirectory } from '../../tickets';
import { useChannels, useDeleteChannel, useRegisterWebhook, useUpdateChannel } from '../api/channels';
import { channelErrorText } from '../channel-errors';
import { ChannelHealth } from '../components/channel-health';
import { ChannelIcon } from '../../../components/channel-icon';
import { ConnectChannelModal } from '../components/connect-channel-modal';
import { EditChannelModal } from '../components/edit-channel-modal';
import { WebhookStatus } from '../components/webhook-status';

/** SET-7, CHN-1: the channels requests come from, how each is doing, and connecting a messenger account. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const channels = useChannels();
  // Department names from the directory: whoever edits the settings (PERM-3) may not administer departments.
  const directory = useDirectory();
  const departments = (directory.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }));
  const departmentName = (id: string) => directory.data?.departments.find((d) => d.id === id)?.name ?? '—';
  const update = useUpdateChannel();
  const register = useRegisterWebhook();
  const remove = useDeleteChannel();
  const [connecting, setConnecting] = useState(false);
  const [editing, setEditing] = useState<AdminChannel | null>(null);
  const [deleting, setDeleting] = useState<AdminChannel | null>(null);

  const switchChannel = (channel: AdminChannel, enabled: boolean) =>
    update.mutate(
      { id: channel.id, patch: { enabled } },
      {
        onSuccess: (saved) =>
          notifications.show({ color: 'teal', message: saved.enabled ? t('channels.switchedOn', { name: saved.name }) : t('channels.switchedOff', { name: saved.name }) }),
        onError: (error) => notifications.show({ color: 'red', title: t('admin.notSaved'), message: channelErrorText(error, t) }),
      },
    );
  const registerWebhook = (channel: AdminChannel) =>
    register.mutate(channel.id, {
      onSuccess: (saved) => notifications.show({ color: 'teal', message: t('channels.webhook.registeredToast', { name: saved.name }) }),
      onError: (error) => notifications.show({ color: 'red', title: t('channels.webhook.notRegisteredTitle'), message: channelErrorText(error, t) }),
    });
  const confirmDelete = () => {
    const channel = deleting;
    if (!channel) return;
    remove.mutate(channel.id, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('channels.delete.done', { name: channel.name }) }),
      onError: (error) => notifications.show({ color: 'red', title: t('channels.delete.failed'), message: channelErrorText(error, t), autoClose: 10_000 }),
      onSettled: () => setDeleting(null),
    });
  };

  return (
    <PageFrame
      title={t('channels.title')}
      description={t('channels.description')}
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setConnecting(true)} data-testid="connect-channel">
          {t('channels.connect')}
        </Button>
      }
    >
      {channels.isPending ? (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      ) : channels.isError ? (
        <Alert color="red" data-testid="channels-error">
          {errorText(channels.error, t)}
        </Alert>
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" data-testid="channels-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('channels.columns.channel')}</Table.Th>
                <Table.Th>{t('channels.columns.department')}</Table.Th>
                <Table.Th>{t('channels.columns.activity')}</Table.Th>
                <Table.Th>{t('channels.columns.webhook')}</Table.Th>
                <Table.Th>{t('channels.columns.enabled')}</Table.Th>
                <Table.Th w={80} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {channels.data.items.map((c) => (
                <Table.Tr key={c.id} data-testid={`channel-row-${c.id}`} style={{ verticalAlign: 'top' }}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap" align="flex-start">
                      <ThemeIcon variant="light" color={c.enabled ? 'blue' : 'gray'} size="lg" radius="md">
                        <ChannelIcon type={c.type} />
                      </ThemeIcon>
                      <Stack gap={0}>
                        <Text size="sm" fw={600}>
                          {c.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {c.accountName ? `${t(`channel.${c.type}`)} · ${c.accountName}` : t(`channel.${c.type}`)}
                        </Text>
                      </Stack>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{departmentName(c.departmentId)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <ChannelHealth health={c.health} />
                  </Table.Td>
                  <Table.Td>
                    <WebhookStatus channel={c} registering={register.isPending && register.variables === c.id} onRegister={() => registerWebhook(c)} />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={c.enabled}
                      disabled={update.isPending && update.variables.id === c.id}
                      onChange={(e) => switchChannel(c, e.currentTarget.checked)}
                      aria-label={t('channels.switchLabel', { name: c.name })}
                      data-testid="channel-enabled-switch"
                    />
                  </Table.Td>
                  <Table.Td>
                    {/* The widget is the site's own chat: renamed, moved or switched off, never deleted here. */}
                    <RowActions onEdit={() => setEditing(c)} onDelete={c.type === 'widget' ? undefined : () => setDeleting(c)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {channels.data.items.length === 0 && (
            <Text c="dimmed" ta="center" py="xl">
              {t('channels.empty')}
            </Text>
          )}
        </Paper>
      )}
      {connecting && <ConnectChannelModal departments={departments} onClose={() => setConnecting(false)} />}
      {editing && <EditChannelModal channel={editing} departments={departments} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={deleting !== null}
        title={t('channels.delete.title')}
        text={t('channels.delete.text', { name: deleting?.name })}
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      />
    </PageFrame>
  );
}
