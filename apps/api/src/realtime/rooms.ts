/** Socket rooms. Only the server puts sockets in rooms, by the same rules as REST access. */
export const rooms = {
  employee: (id: string) => `employee:${id}`,
  session: (id: string) => `session:${id}`,
  /** Every signed-in employee (settings changes). */
  staff: 'staff',
  /** Employees with the Omni right in the department: its assigned tickets. */
  department: (id: string) => `department:${id}`,
  /** Employees with the Unassigned right in the department (PERM-2): its unassigned requests. */
  unassigned: (departmentId: string) => `department:${departmentId}:unassigned`,
  /** Staff watching one conversation; visitors are never in it. */
  ticket: (id: string) => `ticket:${id}`,
  visitor: (clientId: string) => `visitor:${clientId}`,
};
