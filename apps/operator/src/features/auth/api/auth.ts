import { isRouteError, type EmployeeSelf, type SignInRequest } from '@omnichannel/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { closeSocket } from '../../../lib/socket';

export const authKeys = { me: ['auth', 'me'] as const };

/** The signed-in employee, or null when signed out. */
export const meQuery = queryOptions({
  queryKey: authKeys.me,
  queryFn: async (): Promise<EmployeeSelf | null> => {
    try {
      return await api('auth.me');
    } catch (error) {
      if (isRouteError(error, 'auth.me', 'UNAUTHENTICATED')) return null;
      throw error;
    }
  },
  staleTime: Infinity,
});

export function useMe() {
  return useQuery(meQuery);
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInRequest) => api('auth.signIn', { body }),
    onSuccess: (me) => queryClient.setQueryData(authKeys.me, me),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('auth.signOut'),
    onSettled: () => {
      closeSocket();
      // Set "signed out" on the live query (observers follow it), then drop everyone else's data.
      queryClient.setQueryData(authKeys.me, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
    },
  });
}
