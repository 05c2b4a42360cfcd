import type { CreateEmployeeRequest, DepartmentInput, GroupInput, UpdateEmployeeRequest } from '@omnichannel/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const adminKeys = {
  employees: ['admin', 'employees'] as const,
  groups: ['admin', 'groups'] as const,
  departments: ['admin', 'departments'] as const,
};

export const employeesQuery = queryOptions({ queryKey: adminKeys.employees, queryFn: () => api('employees.list') });
export const groupsQuery = queryOptions({ queryKey: adminKeys.groups, queryFn: () => api('groups.list') });
export const departmentsQuery = queryOptions({ queryKey: adminKeys.departments, queryFn: () => api('departments.list') });

/** Lists the editor may read; a list its rights do not open stays empty (disabled query). */
export function useEmployees(enabled = true) {
  return useQuery({ ...employeesQuery, enabled });
}
export function useGroups(enabled = true) {
  return useQuery({ ...groupsQuery, enabled });
}
export function useDepartments(enabled = true) {
  return useQuery({ ...departmentsQuery, enabled });
}

/** Any change can touch the three lists (members, counts), so all are refreshed. */
function useAdminMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export const useCreateEmployee = () => useAdminMutation((body: CreateEmployeeRequest) => api('employees.create', { body }));
export const useUpdateEmployee = () =>
  useAdminMutation(({ id, patch }: { id: string; patch: UpdateEmployeeRequest }) => api('employees.update', { params: { id }, body: patch }));
export const useSetEmployeePassword = () =>
  useAdminMutation(({ id, password }: { id: string; password: string }) => api('employees.setPassword', { params: { id }, body: { password } }));
export const useDeleteEmployee = () => useAdminMutation((id: string) => api('employees.remove', { params: { id } }));

export const useSaveGroup = () =>
  useAdminMutation(({ id, input }: { id: string | null; input: GroupInput }) =>
    id ? api('groups.update', { params: { id }, body: input }) : api('groups.create', { body: input }),
  );
export const useDeleteGroup = () => useAdminMutation((id: string) => api('groups.remove', { params: { id } }));

export const useSaveDepartment = () =>
  useAdminMutation(({ id, input }: { id: string | null; input: DepartmentInput }) =>
    id ? api('departments.update', { params: { id }, body: input }) : api('departments.create', { body: input }),
  );
export const useDeleteDepartment = () => useAdminMutation((id: string) => api('departments.remove', { params: { id } }));
