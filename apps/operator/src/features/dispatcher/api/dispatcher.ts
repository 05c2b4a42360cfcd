import type { DepartmentSlaInput, DispatchRule, DispatchRuleInput, DispatchRuleList, DispatchRuleUpdate, OperatorStatusInput, OperatorStatusUpdate } from '@omnichannel/contracts';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { dispatcherKeys } from './presence';

/** A change that refreshes one list of the feature when it lands. */
function useDispatcherMutation<V, R>(key: QueryKey, fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }) });
}

// ---------------------------------------------------------------- operator statuses (DSP-1)

/** A new status (no code yet) or a change of an existing one. */
export type SaveOperatorStatus = { code: null; input: OperatorStatusInput } | { code: string; input: OperatorStatusUpdate };

export const useSaveOperatorStatus = () =>
  useDispatcherMutation(dispatcherKeys.operatorStatuses, (save: SaveOperatorStatus) =>
    save.code === null
      ? api('operatorStatuses.create', { body: save.input })
      : api('operatorStatuses.update', { params: { code: save.code }, body: save.input }),
  );
export const useDeleteOperatorStatus = () =>
  useDispatcherMutation(dispatcherKeys.operatorStatuses, (code: string) => api('operatorStatuses.remove', { params: { code } }));

// ---------------------------------------------------------------- operators and their limits (DSP-4)

export function useOperators() {
  return useQuery({ queryKey: dispatcherKeys.operators, queryFn: () => api('presence.operators') });
}

export const useSetChatLimit = () =>
  useDispatcherMutation(dispatcherKeys.operators, ({ id, chatLimit }: { id: string; chatLimit: number | null }) =>
    api('presence.setLimit', { params: { id }, body: { chatLimit } }),
  );

// ---------------------------------------------------------------- rules (DSP-3)

export function useRules() {
  return useQuery({ queryKey: dispatcherKeys.rules, queryFn: () => api('rules.list') });
}

/** A new rule (no id yet) or a change of some fields of an existing one. */
export type SaveRule = { id: null; input: DispatchRuleInput } | { id: string; input: DispatchRuleUpdate };

export const useSaveRule = () =>
  useDispatcherMutation(dispatcherKeys.rules, (save: SaveRule) =>
    save.id === null ? api('rules.create', { body: save.input }) : api('rules.update', { params: { id: save.id }, body: save.input }),
  );
export const useCopyRule = () => useDispatcherMutation(dispatcherKeys.rules, (id: string) => api('rules.copy', { params: { id } }));
export const useDeleteRule = () => useDispatcherMutation(dispatcherKeys.rules, (id: string) => api('rules.remove', { params: { id } }));

/** Moves shown at once; the server's order comes back with the refetch. */
export function useReorderRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api('rules.reorder', { body: { ids } }),
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
  return useQuery({ queryKey: dispatcherKeys.sla, queryFn: () => api('sla.list') });
}

export const useSaveSla = () =>
  useDispatcherMutation(dispatcherKeys.sla, ({ departmentId, input }: { departmentId: string; input: DepartmentSlaInput }) =>
    api('sla.update', { params: { departmentId }, body: input }),
  );
