import type { ChangePasswordRequest, EmployeeSelf, UpdateProfileRequest } from '@omnichannel/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from '../../auth';

export const profileKeys = { tokens: ['profile', 'tokens'] as const };

export const tokensQuery = queryOptions({ queryKey: profileKeys.tokens, queryFn: () => api('profile.listTokens') });

export function useTokens() {
  return useQuery(tokensQuery);
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateProfileRequest) => api('profile.update', { body: patch }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: authKeys.me }),
  });
}

/**
 * NAV-7 notification choices: the switch moves at once (the cached employee is updated before the
 * request), and a refusal restores the server's state.
 */
export function useNotificationChoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Pick<UpdateProfileRequest, 'notifySound' | 'notifyDesktop'>) => api('profile.update', { body: patch }),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: authKeys.me });
      queryClient.setQueryData<EmployeeSelf>(authKeys.me, (current) => (current ? { ...current, ...patch } : current));
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: authKeys.me }),
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (body: ChangePasswordRequest) => api('profile.changePassword', { body }) });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api('profile.createToken', { body: { name } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: profileKeys.tokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('profile.revokeToken', { params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: profileKeys.tokens }),
  });
}
