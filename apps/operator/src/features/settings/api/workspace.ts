import type { CustomFieldInput, TicketStatusInput } from '@omnichannel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from '../../tickets';

/** WORK-4: the administrator's custom fields; the workspace's cached list follows every change. */
export function useSaveCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: CustomFieldInput }) =>
      id ? api('customFields.update', { params: { id }, body: input }) : api('customFields.create', { body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ticketKeys.fields }),
  });
}

export function useDeleteCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('customFields.remove', { params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ticketKeys.fields }),
  });
}

/** CORE-4: configurable ticket statuses. */
export function useSaveStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, input }: { code: string | null; input: TicketStatusInput }) =>
      code ? api('statuses.update', { params: { code }, body: input }) : api('statuses.create', { body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ticketKeys.statuses }),
  });
}

export function useDeleteStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api('statuses.remove', { params: { code } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ticketKeys.statuses }),
  });
}
