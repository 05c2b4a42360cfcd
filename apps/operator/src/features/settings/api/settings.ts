import type { UpdateOmniSettingsRequest } from '@omnichannel/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const settingsKeys = { omni: ['settings', 'omni'] as const };

export const omniSettingsQuery = queryOptions({
  queryKey: settingsKeys.omni,
  queryFn: () => api('settings.omni'),
  staleTime: Infinity, // pushed live by the socket (settings:omni)
});

export function useOmniSettings(enabled = true) {
  return useQuery({ ...omniSettingsQuery, enabled });
}

export function useUpdateOmniSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateOmniSettingsRequest) => api('settings.updateOmni', { body: patch }),
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.omni, settings),
  });
}
