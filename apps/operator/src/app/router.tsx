import { channelTypes, type ChannelType, type EmployeeSelf, type Permission } from '@omnichannel/contracts';
import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Suspense, lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, Route, Routes, useLocation, useOutletContext, useParams } from 'react-router-dom';
import { SignInPage, useMe } from '../features/auth';
import { InboxPage, TicketPage } from '../features/tickets';
import { can, homePath } from '../lib/permissions';
import { Layout } from './layout';

// Screens most employees open rarely load on demand, keeping the workspace's first load small (P8).
const EmployeesPage = lazy(() => import('../features/admin').then((m) => ({ default: m.EmployeesPage })));
const GroupsPage = lazy(() => import('../features/admin').then((m) => ({ default: m.GroupsPage })));
const DepartmentsPage = lazy(() => import('../features/admin').then((m) => ({ default: m.DepartmentsPage })));
const SettingsLayout = lazy(() => import('../features/settings/pages').then((m) => ({ default: m.SettingsLayout })));
const SettingsPage = lazy(() => import('../features/settings/pages').then((m) => ({ default: m.SettingsPage })));
const CustomFieldsPage = lazy(() => import('../features/settings/pages').then((m) => ({ default: m.CustomFieldsPage })));
const StatusesPage = lazy(() => import('../features/settings/pages').then((m) => ({ default: m.StatusesPage })));
const ChannelsPage = lazy(() => import('../features/channels').then((m) => ({ default: m.ChannelsPage })));
const OperatorStatusesPage = lazy(() => import('../features/dispatcher/pages').then((m) => ({ default: m.OperatorStatusesPage })));
const DispatcherPage = lazy(() => import('../features/dispatcher/pages').then((m) => ({ default: m.DispatcherPage })));
const SlaPage = lazy(() => import('../features/dispatcher/pages').then((m) => ({ default: m.SlaPage })));
const TemplatesPage = lazy(() => import('../features/templates/routes/templates-page').then((m) => ({ default: m.TemplatesPage })));
const TicketsPage = lazy(() => import('../features/tickets/routes/tickets-page').then((m) => ({ default: m.TicketsPage })));
const ProfilePage = lazy(() => import('../features/profile').then((m) => ({ default: m.ProfilePage })));

const spinner = (
  <Center h="100%">
    <Loader size="sm" />
  </Center>
);

/** Signed-in area: one layout (and one live connection) for all sections. */
function EmployeeArea() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Center h="100vh">{spinner}</Center>;
  if (!me.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <Layout me={me.data}>
      <Suspense fallback={spinner}>
        <Outlet context={me.data} />
      </Suspense>
    </Layout>
  );
}

/** A section the employee's rights do not open says so (the API would refuse it anyway). */
function Allowed({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useOutletContext<EmployeeSelf>();
  const { t } = useTranslation();
  if (can(me, permission)) return children;
  return (
    <Center h="100%">
      <Stack align="center" gap={4} c="dimmed" data-testid="no-access">
        <IconLock size={40} stroke={1.3} />
        <Title order={4}>{t('nav.noAccessTitle')}</Title>
        <Text size="sm">{t('nav.noAccess')}</Text>
      </Stack>
    </Center>
  );
}

function Inbox({ view }: { view: 'unassigned' | 'mine' }) {
  const me = useOutletContext<EmployeeSelf>();
  const { t } = useTranslation();
  return <InboxPage view={view} title={view === 'unassigned' ? t('nav.unassigned') : t('nav.mine')} me={me} />;
}

/** NAV-4: one channel's live chats. */
function ChannelInbox() {
  const me = useOutletContext<EmployeeSelf>();
  const { t } = useTranslation();
  const { type } = useParams();
  if (!channelTypes.includes(type as ChannelType)) return <Navigate to="/" replace />;
  return <InboxPage key={type} view={`channel:${type as ChannelType}`} title={t(`channel.${type}`)} me={me} />;
}

function Ticket() {
  const me = useOutletContext<EmployeeSelf>();
  return <TicketPage me={me} />;
}

function Home() {
  const me = useOutletContext<EmployeeSelf>();
  return <Navigate to={homePath(me)} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<EmployeeArea />}>
        <Route index element={<Home />} />
        <Route
          path="/unassigned/:ticketId?"
          element={
            <Allowed permission="omni.unassigned">
              <Inbox view="unassigned" />
            </Allowed>
          }
        />
        <Route
          path="/chats/:ticketId?"
          element={
            <Allowed permission="omni.access">
              <Inbox view="mine" />
            </Allowed>
          }
        />
        <Route
          path="/channel/:type/:ticketId?"
          element={
            <Allowed permission="omni.access">
              <ChannelInbox />
            </Allowed>
          }
        />
        <Route
          path="/tickets"
          element={
            <Allowed permission="omni.access">
              <TicketsPage />
            </Allowed>
          }
        />
        <Route
          path="/tickets/:ticketId"
          element={
            <Allowed permission="omni.access">
              <Ticket />
            </Allowed>
          }
        />
        <Route
          path="/settings"
          element={
            <Allowed permission="omni.settings">
              <SettingsLayout />
            </Allowed>
          }
        >
          <Route index element={<Navigate to="general" replace />} />
          <Route path="general" element={<SettingsPage />} />
          <Route path="channels" element={<ChannelsPage />} />
          <Route path="templates" element={<TemplatesPage />} />
          <Route path="fields" element={<CustomFieldsPage />} />
          <Route path="statuses" element={<StatusesPage />} />
          <Route path="operator-statuses" element={<OperatorStatusesPage />} />
          <Route path="dispatcher" element={<DispatcherPage />} />
          <Route path="sla" element={<SlaPage />} />
        </Route>
        <Route
          path="/admin/employees"
          element={
            <Allowed permission="admin.employees">
              <EmployeesPage />
            </Allowed>
          }
        />
        <Route
          path="/admin/groups"
          element={
            <Allowed permission="admin.groups">
              <GroupsPage />
            </Allowed>
          }
        />
        <Route
          path="/admin/departments"
          element={
            <Allowed permission="admin.departments">
              <DepartmentsPage />
            </Allowed>
          }
        />
        <Route path="/profile" element={<ProfilePage />} />
        <Route path="*" element={<Home />} />
      </Route>
    </Routes>
  );
}
