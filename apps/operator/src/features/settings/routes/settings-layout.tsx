import { Box, Center, Loader, Tabs } from '@mantine/core';
import { IconAdjustments, IconClockExclamation, IconForms, IconPlugConnected, IconRoute, IconTags, IconTemplate, IconUserCircle } from '@tabler/icons-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';

const tabs = [
  { value: 'general', icon: <IconAdjustments size={16} />, label: 'settings.tabs.general' },
  { value: 'channels', icon: <IconPlugConnected size={16} />, label: 'settings.tabs.channels' },
  { value: 'templates', icon: <IconTemplate size={16} />, label: 'settings.tabs.templates' },
  { value: 'fields', icon: <IconForms size={16} />, label: 'settings.tabs.fields' },
  { value: 'statuses', icon: <IconTags size={16} />, label: 'settings.tabs.statuses' },
  { value: 'operator-statuses', icon: <IconUserCircle size={16} />, label: 'settings.tabs.operatorStatuses' },
  { value: 'dispatcher', icon: <IconRoute size={16} />, label: 'settings.tabs.dispatcher' },
  { value: 'sla', icon: <IconClockExclamation size={16} />, label: 'settings.tabs.sla' },
] as const;

/**
 * The module's settings (NAV-5, PERM-3, SET-7): behaviour, channels, reply templates, custom fields, ticket
 * statuses, operator statuses, dispatcher rules and SLA.
 */
export function SettingsLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const current = useLocation().pathname.split('/')[2] ?? 'general';
  return (
    <Box style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <Tabs value={current} onChange={(v) => v && void navigate(`/settings/${v}`)} px="xl" pt="md">
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value} leftSection={tab.icon} data-testid={`settings-tab-${tab.value}`}>
              {t(tab.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Box style={{ flex: 1, minHeight: 0 }}>
        <Suspense
          fallback={
            <Center h="100%">
              <Loader size="sm" />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </Box>
    </Box>
  );
}
