import type { AdminChannel, AdminChannelList, CreateChannelRequest, UpdateChannelRequest } from '@omnichannel/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const channelKeys = { all: ['channels'] as const, list: ['channels', 'list'] as const };

/** SET-7: every channel with its health; re-read now and then, as events arrive without a socket push. */
export const channelsQuery = queryOptions({
  queryKey: channelKeys.list,
  queryFn: () => api('channels.list'),
  refetchInterval: 30_000,
});

export function useChannels() {
  return useQuery(channelsQuery);
}

/** The API answers with the channel as it now is: put it in the list at once, then re-read the list. */
function put(queryClient: QueryClient, channel: AdminChannel): void {
  queryClient.setQueryData<AdminChannelList>(channelKeys.list, (list) =>
    list && {
      items: list.items.some((c) => c.id === channel.id) ? list.items.map((c) => (c.id === channel.id ? channel : c)) : [...list.items, channel],
    },
  );
  void queryClient.invalidateQueries({ queryKey: channelKeys.all });
}

/** CHN-1: connect a messenger account. */
export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChannelRequest) => api('channels.create', { body }),
    onSuccess: (channel) => put(queryClient, channel),
  });
}

export function useUpdateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateChannelRequest }) => api('channels.update', { params: { id }, body: patch }),
    onSuccess: (channel) => put(queryClient, channel),
  });
}

export function useRegisterWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('channels.registerWebhook', { params: { id } }),
    onSuccess: (channel) => put(queryClient, channel),
    // A refusal is recorded in the channel's health too.
    onError: () => void queryClient.invalidateQueries({ queryKey: channelKeys.all }),
  });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('channels.remove', { params: { id } }),
    onSuccess: (_, id) => {
      queryClient.setQueryData<AdminChannelList>(channelKeys.list, (list) => list && { items: list.items.filter((c) => c.id !== id) });
      void queryClient.invalidateQueries({ queryKey: channelKeys.all });
    },
  });
}
