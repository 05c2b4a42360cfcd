import type { OperatorPresence, OperatorPresenceList } from '@omnichannel/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Query keys of the dispatcher feature (DSP-*, SLA-*); the realtime sync updates them too. */
export const dispatcherKeys = {
  all: ['dispatcher'] as const,
  presenceMe: ['dispatcher', 'presence', 'me'] as const,
  operators: ['dispatcher', 'operators'] as const,
  operatorStatuses: ['dispatcher', 'operator-statuses'] as const,
  rules: ['dispatcher', 'rules'] as const,
  sla: ['dispatcher', 'sla'] as const,
};

/** DSP-1: the employee's own status, kept live by 'operator:presence'. */
export function useMyPresence(enabled = true) {
  return useQuery({
    queryKey: dispatcherKeys.presenceMe,
    queryFn: () => api('presence.mine'),
    staleTime: Infinity,
    enabled,
  });
}

export function useOperatorStatuses(enabled = true) {
  return useQuery({
    queryKey: dispatcherKeys.operatorStatuses,
    queryFn: () => api('operatorStatuses.list'),
    staleTime: 60_000,
    enabled,
  });
}

/** SET-4 may refuse "offline": the error (OFFLINE_FORBIDDEN) names the requests that hold the employee. */
export function useSetMyStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: string) => api('presence.setMine', { body: { status } }),
    onSuccess: (presence) => applyPresence(queryClient, presence, presence.employeeId),
  });
}

/** One operator's new status and load: the own status and the operators table follow it. */
export function applyPresence(queryClient: QueryClient, presence: OperatorPresence, meId: string): void {
  if (presence.employeeId === meId) queryClient.setQueryData(dispatcherKeys.presenceMe, presence);
  queryClient.setQueryData<OperatorPresenceList>(dispatcherKeys.operators, (list) =>
    list ? { items: list.items.map((o) => (o.employeeId === presence.employeeId ? presence : o)) } : list,
  );
}
