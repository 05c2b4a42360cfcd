import type { EmployeeSelf, TicketList } from '@omnichannel/contracts';
import { ActionIcon, Alert, AppShell, Avatar, Badge, Box, Group, Menu, NavLink, Stack, Text, Tooltip } from '@mantine/core';
import { IconInbox, IconLanguage, IconLogout, IconMessages, IconWifiOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router-dom';
import { useSignOut } from '../features/auth';
import { ticketKeys } from '../features/tickets';
import { api } from '../lib/api-client';
import { setLanguage } from '../lib/i18n';
import { useRealtimeSync, useSocketConnected } from '../lib/use-realtime-sync';

function useCount(view: 'unassigned' | 'mine'): number | undefined {
  const list = useQuery({
    queryKey: ticketKeys.list(view),
    queryFn: () => api<TicketList>('GET', '/tickets', { query: { view } }),
  });
  return list.data?.items.length;
}

/** The workspace frame: sections with live counters (NAV-2, NAV-3, NAV-7), the employee, the connection. */
export function Layout({ me, children }: { me: EmployeeSelf; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  useRealtimeSync(me);
  const connected = useSocketConnected();
  const signOut = useSignOut();
  const location = useLocation();
  const unassigned = useCount('unassigned');
  const mine = useCount('mine');

  const sections = [
    { to: '/unassigned', label: t('nav.unassigned'), icon: <IconInbox size={18} />, count: unassigned, testId: 'nav-unassigned' },
    { to: '/chats', label: t('nav.mine'), icon: <IconMessages size={18} />, count: mine, testId: 'nav-mine' },
  ];

  return (
    <AppShell navbar={{ width: 232, breakpoint: 0 }} padding={0}>
      <AppShell.Navbar p="sm" bg="dark.8" style={{ borderRight: 'none' }}>
        <Stack justify="space-between" h="100%">
          <Box>
            <Group gap={8} px={6} mb="lg" mt={4}>
              <IconMessages size={24} color="var(--mantine-color-teal-4)" />
              <Text fw={700} c="white" size="lg">
                Omnichannel
              </Text>
            </Group>
            <Stack gap={4} component="nav" aria-label={t('nav.sections')}>
              {sections.map((s) => (
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
              ))}
            </Stack>
          </Box>
          <Box>
            {!connected && (
              <Alert color="orange" variant="filled" p={8} mb="sm" icon={<IconWifiOff size={16} />} data-testid="offline-banner">
                <Text size="xs">{t('nav.reconnecting')}</Text>
              </Alert>
            )}
            <Group justify="space-between" wrap="nowrap" px={4}>
              <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                <Avatar size={32} radius="xl" color="teal" variant="filled">
                  {me.name.slice(0, 1).toUpperCase()}
                </Avatar>
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
                    <Menu.Item onClick={() => setLanguage('en')} disabled={i18n.language === 'en'}>
                      English
                    </Menu.Item>
                    <Menu.Item onClick={() => setLanguage('ru')} disabled={i18n.language === 'ru'}>
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
