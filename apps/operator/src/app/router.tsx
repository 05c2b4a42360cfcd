import type { EmployeeSelf } from '@omnichannel/contracts';
import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, Route, Routes, useLocation, useOutletContext } from 'react-router-dom';
import { SignInPage, useMe } from '../features/auth';
import { InboxPage } from '../features/tickets';
import { Layout } from './layout';

/** Signed-in area: one layout (and one live connection) for all sections. */
function EmployeeArea() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (!me.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <Layout me={me.data}>
      <Outlet context={me.data} />
    </Layout>
  );
}

function Inbox({ view }: { view: 'unassigned' | 'mine' }) {
  const me = useOutletContext<EmployeeSelf>();
  return <InboxPage view={view} me={me} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<EmployeeArea />}>
        <Route path="/unassigned/:ticketId?" element={<Inbox view="unassigned" />} />
        <Route path="/chats/:ticketId?" element={<Inbox view="mine" />} />
      </Route>
      <Route path="*" element={<Navigate to="/unassigned" replace />} />
    </Routes>
  );
}
