import { channelTypes, type ChannelType, type EmployeeSelf, type TicketView } from '@omnichannel/contracts';
import { ActionIcon, Alert, AppShell, Avatar, Badge, Box, Group, Menu, NavLink, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconAdjustments,
  IconBuilding,
  IconTicket,
  IconInbox,
  IconLanguage,
  IconLogout,
  IconMessages,
  IconUsers,
  IconUsersGroup,
  IconWifiOff,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router-dom';
import { authKeys, useSignOut } from '../features/auth';
import { StatusSwitcher } from '../features/dispatcher';
import { useOmniSettings } from '../features/settings';
import { sectionCount, useTicketList } from '../features/tickets';
import { ChannelIcon } from '../components/channel-icon';
import { api } from '../lib/api-client';
import { setLanguage, type Language } from '../lib/i18n';
import { can } from '../lib/permissions';
import { useRealtimeSync, useSocketConnected } from '../lib/use-realtime-sync';

/** NAV-7: a section's live counter. */
function useCount(view: TicketView, meId: string, enabled: boolean): number | undefined {
  const list = useTicketList(view, enabled);
  return list.data ? sectionCount(view, list.data, meId) : undefined;
}

/** NAV-4: one tab per channel, in the order of the source document, as SET-3 shows them. */
const channelOrder: ChannelType[] = ['widget', 'facebook', 'vk', 'viber', 'odnoklassniki', 'telegram', 'instagram', 'whatsapp'];

function ChannelLink({ channel, meId, render }: { channel: ChannelType; meId: string; render: (count: number | undefined) => ReactNode }) {
  return <>{render(useCount(`channel:${channel}`, meId, true))}</>;
}

interface Section {
  to: string;
  label: string;
  icon: ReactNode;
  count?: number;
  testId: string;
}

/** The workspace frame: sections with live counters (NAV-2, NAV-3, NAV-7), the employee, the connection. */
export function Layout({ me, children }: { me: EmployeeSelf; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  useRealtimeSync(me);
  const queryClient = useQueryClient();
  const chooseLanguage = (language: Language) => {
    setLanguage(language);
    void api('profile.update', { body: { language } }).then(() => queryClient.invalidateQueries({ queryKey: authKeys.me }));
  };
  // The interface speaks the employee's chosen language; without a choice, the browser's.
  useEffect(() => {
    if (me.language && me.language !== i18n.language) setLanguage(me.language);
  }, [me.language, i18n.language]);
  const connected = useSocketConnected();
  const signOut = useSignOut();
  const location = useLocation();
  const unassigned = useCount('unassigned', me.id, can(me, 'omni.unassigned'));
  const mine = useCount('mine', me.id, can(me, 'omni.access'));
  const settings = useOmniSettings(can(me, 'omni.access')).data;
  const shownChannels = can(me, 'omni.access')
    ? channelOrder.filter((c) => channelTypes.includes(c) && (settings?.displayedChannels ?? channelOrder).includes(c))
    : [];

  // Every section shows only when the employee's rights open it (PERM-6).
  const sections: Section[] = [
    ...(can(me, 'omni.unassigned')
      ? [{ to: '/unassigned', label: t('nav.unassigned'), icon: <IconInbox size={18} />, count: unassigned, testId: 'nav-unassigned' }]
      : []),
    ...(can(me, 'omni.access') ? [{ to: '/chats', label: t('nav.mine'), icon: <IconMessages size={18} />, count: mine, testId: 'nav-mine' }] : []),
  ];
  const afterChannels: Section[] = [
    ...(can(me, 'omni.access') ? [{ to: '/tickets', label: t('nav.tickets'), icon: <IconTicket size={18} />, testId: 'nav-tickets' }] : []),
    ...(can(me, 'omni.settings') ? [{ to: '/settings', label: t('nav.settings'), icon: <IconAdjustments size={18} />, testId: 'nav-settings' }] : []),
  ];
  const administration: Section[] = [
    ...(can(me, 'admin.employees') ? [{ to: '/admin/employees', label: t('nav.employees'), icon: <IconUsers size={18} />, testId: 'nav-employees' }] : []),
    ...(can(me, 'admin.groups') ? [{ to: '/admin/groups', label: t('nav.groups'), icon: <IconUsersGroup size={18} />, testId: 'nav-groups' }] : []),
    ...(can(me, 'admin.departments')
      ? [{ to: '/admin/departments', label: t('nav.departments'), icon: <IconBuilding size={18} />, testId: 'nav-departments' }]
      : []),
  ];
  const link = (s: Section) => (
    <NavLink
      key={s.to}
      component={RouterLink}
      to={s.to}
      label={s.label}
      leftSection={s.icon}
      active={location.pathname.startsWith(s.to)}
      variant="filled"
      color="teal"
      c="gray.2"
      style={{ borderRadius: 8 }}
      data-testid={s.testId}
      rightSection={
        s.count ? (
          <Badge size="sm" color={s.to === '/unassigned' ? 'orange' : 'teal'} variant="filled" data-testid={`${s.testId}-count`}>
            {s.count}
          </Badge>
        ) : null
      }
    />
  );

  return (
    <AppShell navbar={{ width: 232, breakpoint: 0 }} padding={0}>
      <AppShell.Navbar p="sm" bg="dark.8" style={{ borderRight: 'none' }}>
        <Stack justify="space-between" h="100%" gap="sm">
          <Box style={{ overflowY: 'auto', flex: 1, minHeight: 0 }}>
            <Group gap={8} px={6} mb="lg" mt={4}>
              <IconMessages size={24} color="var(--mantine-color-teal-4)" />
              <Text fw={700} c="white" size="lg">
                Omnichannel
              </Text>
            </Group>
            <Stack gap={4} component="nav" aria-label={t('nav.sections')}>
              {sections.map(link)}
              {shownChannels.length > 0 && (
                <Text size="xs" c="gray.5" tt="uppercase" fw={700} mt="md" mb={2} px={12}>
                  {t('nav.channels')}
                </Text>
              )}
              {shownChannels.map((channel) => (
                <ChannelLink
                  key={channel}
                  channel={channel}
                  meId={me.id}
                  render={(count) =>
                    link({ to: `/channel/${channel}`, label: t(`channel.${channel}`), icon: <ChannelIcon type={channel} />, count, testId: `nav-channel-${channel}` })
                  }
                />
              ))}
              <Box mt="md" />
              {afterChannels.map(link)}
              {administration.length > 0 && (
                <>
                  <Text size="xs" c="gray.5" tt="uppercase" fw={700} mt="md" mb={2} px={12}>
                    {t('nav.administration')}
                  </Text>
                  {administration.map(link)}
                </>
              )}
            </Stack>
          </Box>
          <Box>
            {!connected && (
              <Alert color="orange" variant="filled" p={8} mb="sm" icon={<IconWifiOff size={16} />} data-testid="offline-banner">
                <Text size="xs">{t('nav.reconnecting')}</Text>
              </Alert>
            )}
            {can(me, 'omni.access') && <StatusSwitcher />}
            <Group justify="space-between" wrap="nowrap" px={4}>
              <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                <Tooltip label={t('nav.profile')}>
                  <Avatar
                    component={RouterLink}
                    to="/profile"
                    size={32}
                    radius="xl"
                    color="teal"
                    variant="filled"
                    src={me.avatarUrl ?? undefined}
                    aria-label={t('nav.profile')}
                    data-testid="nav-profile"
                  >
                    {me.name.slice(0, 1).toUpperCase()}
                  </Avatar>
                </Tooltip>
                <Box style={{ minWidth: 0 }}>
                  <Text size="sm" c="white" fw={600} truncate data-testid="me-name">
                    {me.name}
                  </Text>
                  <Text size="xs" c="gray.5" truncate>
                    {me.email}
                  </Text>
                </Box>
              </Group>
              <Group gap={2} wrap="nowrap">
                <Menu position="top-end">
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={t('nav.language')}>
                      <IconLanguage size={18} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => chooseLanguage('en')} disabled={i18n.language === 'en'}>
                      English
                    </Menu.Item>
                    <Menu.Item onClick={() => chooseLanguage('ru')} disabled={i18n.language === 'ru'}>
                      Русский
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
                <Tooltip label={t('nav.signOut')}>
                  <ActionIcon variant="subtle" color="gray" onClick={() => signOut.mutate()} aria-label={t('nav.signOut')} data-testid="sign-out">
                    <IconLogout size={18} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          </Box>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main h="100vh" style={{ overflow: 'hidden' }}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
