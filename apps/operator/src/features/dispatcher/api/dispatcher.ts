import type {
  DepartmentSla,
  DepartmentSlaInput,
  DepartmentSlaList,
  DispatchRule,
  DispatchRuleInput,
  DispatchRuleList,
  DispatchRuleUpdate,
  OperatorPresence,
  OperatorPresenceList,
  OperatorStatus,
  OperatorStatusInput,
  OperatorStatusUpdate,
} from '@omnichannel/contracts';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { dispatcherKeys } from './presence';

/** A change that refreshes one list of the feature when it lands. */
function useDispatcherMutation<V, R>(key: QueryKey, fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }) });
}

// ---------------------------------------------------------------- operator statuses (DSP-1)

export const useSaveOperatorStatus = () =>
  useDispatcherMutation(dispatcherKeys.operatorStatuses, ({ code, input }: { code: string | null; input: OperatorStatusInput | OperatorStatusUpdate }) =>
    code
      ? api<OperatorStatus>('PATCH', `/omni/operator-statuses/${code}`, { body: input })
      : api<OperatorStatus>('POST', '/omni/operator-statuses', { body: input }),
  );
export const useDeleteOperatorStatus = () =>
  useDispatcherMutation(dispatcherKeys.operatorStatuses, (code: string) => api<void>('DELETE', `/omni/operator-statuses/${code}`));

// ---------------------------------------------------------------- operators and their limits (DSP-4)

export function useOperators() {
  return useQuery({ queryKey: dispatcherKeys.operators, queryFn: () => api<OperatorPresenceList>('GET', '/omni/operators') });
}

export const useSetChatLimit = () =>
  useDispatcherMutation(dispatcherKeys.operators, ({ id, chatLimit }: { id: string; chatLimit: number | null }) =>
    api<OperatorPresence>('PUT', `/omni/operators/${id}/limit`, { body: { chatLimit } }),
  );

// ---------------------------------------------------------------- rules (DSP-3)

export function useRules() {
  return useQuery({ queryKey: dispatcherKeys.rules, queryFn: () => api<DispatchRuleList>('GET', '/omni/rules') });
}

export const useSaveRule = () =>
  useDispatcherMutation(dispatcherKeys.rules, ({ id, input }: { id: string | null; input: DispatchRuleInput | DispatchRuleUpdate }) =>
    id ? api<DispatchRule>('PATCH', `/omni/rules/${id}`, { body: input }) : api<DispatchRule>('POST', '/omni/rules', { body: input }),
  );
export const useCopyRule = () => useDispatcherMutation(dispatcherKeys.rules, (id: string) => api<DispatchRule>('POST', `/omni/rules/${id}/copy`));
export const useDeleteRule = () => useDispatcherMutation(dispatcherKeys.rules, (id: string) => api<void>('DELETE', `/omni/rules/${id}`));

/** Moves shown at once; the server's order comes back with the refetch. */
export function useReorderRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api<unknown>('PUT', '/omni/rules/order', { body: { ids } }),
    onMutate: (ids) => {
      queryClient.setQueryData<DispatchRuleList>(dispatcherKeys.rules, (list) =>
        list ? { items: ids.map((id) => list.items.find((r) => r.id === id)).filter((r): r is DispatchRule => r !== undefined) } : list,
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: dispatcherKeys.rules }),
  });
}

// ---------------------------------------------------------------- SLA (SLA-1)

export function useSla() {
  return useQuery({ queryKey: dispatcherKeys.sla, queryFn: () => api<DepartmentSlaList>('GET', '/omni/sla') });
}

export const useSaveSla = () =>
  useDispatcherMutation(dispatcherKeys.sla, ({ departmentId, input }: { departmentId: string; input: DepartmentSlaInput }) =>
    api<DepartmentSla>('PUT', `/omni/sla/${departmentId}`, { body: input }),
  );
