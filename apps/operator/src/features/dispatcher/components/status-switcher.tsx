import { ErrorCode, isRouteError, type HeldRequest, type OperatorStatus } from '@omnichannel/contracts';
import { Anchor, Box, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChevronUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../../lib/errors';
import { useMyPresence, useOperatorStatuses, useSetMyStatus } from '../api/presence';

/** The colour of a status dot: the three built-ins by meaning, the administrator's own by whether they receive chats. */
export function statusColor(status: Pick<OperatorStatus, 'code' | 'receivesChats'> | undefined): string {
  if (!status) return 'var(--mantine-color-gray-6)';
  if (status.code === 'online') return 'var(--mantine-color-green-5)';
  if (status.code === 'away') return 'var(--mantine-color-yellow-5)';
  if (status.code === 'offline') return 'var(--mantine-color-gray-6)';
  return status.receivesChats ? 'var(--mantine-color-teal-4)' : 'var(--mantine-color-orange-5)';
}

export function StatusDot({ color, size = 10 }: { color: string; size?: number }) {
  return <Box component="span" style={{ display: 'inline-block', width: size, height: size, borderRadius: '50%', background: color, flexShrink: 0 }} />;
}

function heldRequests(error: unknown): HeldRequest[] {
  return isRouteError(error, 'presence.setMine', ErrorCode.OfflineForbidden) ? error.details.requests : [];
}

/** DSP-1: the employee's status, always at hand in the navigation; SET-4 refusals name the requests that hold them. */
export function StatusSwitcher() {
  const { t } = useTranslation();
  const presence = useMyPresence();
  const statuses = useOperatorStatuses().data?.items ?? [];
  const setStatus = useSetMyStatus();
  // Notifications render outside the router, so links navigate through the router's function.
  const navigate = useNavigate();
  const code = presence.data?.status;
  const current = statuses.find((s) => s.code === code);
  const choose = (status: OperatorStatus) =>
    setStatus.mutate(status.code, {
      onError: (error) => {
        const held = heldRequests(error);
        notifications.show({
          color: 'orange',
          autoClose: held.length > 0 ? 15_000 : 6_000,
          title: held.length > 0 ? t('presence.offlineForbidden') : t('presence.notChanged'),
          message:
            held.length > 0 ? (
              <Stack gap={2} data-testid="offline-forbidden">
                <Text size="sm">{t('presence.offlineForbiddenHint')}</Text>
                {held.map((r) => (
                  <Anchor
                    key={r.id}
                    href={`/chats/${r.id}`}
                    size="sm"
                    onClick={(event) => {
                      event.preventDefault();
                      void navigate(`/chats/${r.id}`);
                    }}
                    data-testid="held-request"
                  >
                    #{r.number} <bdi>{r.subject}</bdi>
                  </Anchor>
                ))}
              </Stack>
            ) : (
              errorText(error, t)
            ),
        });
      },
    });
  return (
    <Menu position="top-start" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton
          data-testid="status-switcher"
          data-status={code}
          aria-label={t('presence.label')}
          px={10}
          py={6}
          mb="xs"
          w="100%"
          style={{ borderRadius: 8, background: 'var(--mantine-color-dark-6)', display: 'flex', alignItems: 'center', gap: 8 }}
        >
          <StatusDot color={statusColor(current)} />
          <Text size="sm" c="white" fw={500} style={{ flex: 1 }} truncate data-testid="status-current">
            {current?.name ?? code ?? '…'}
          </Text>
          <IconChevronUp size={14} color="var(--mantine-color-gray-5)" />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('presence.label')}</Menu.Label>
        {statuses.map((s) => (
          <Menu.Item
            key={s.code}
            leftSection={<StatusDot color={statusColor(s)} />}
            rightSection={s.code === code ? <IconCheck size={14} /> : null}
            onClick={() => s.code !== code && choose(s)}
            data-testid={`status-option-${s.code}`}
          >
            {s.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
