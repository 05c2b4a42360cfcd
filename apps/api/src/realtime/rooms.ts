import type { TicketSummary } from '@omnichannel/contracts';

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

/**
 * PERM-6 as rooms: whoever may see a ticket is in one of these (the ticket-visibility rule, in rooms):
 * its department's staff (for a live request nobody has taken, only those with the Unassigned right,
 * PERM-2), its executor and those invited into it.
 */
export function roomsSeeing(ticket: Pick<TicketSummary, 'live' | 'executor' | 'department' | 'participantIds'>): string[] {
  const department = ticket.live && !ticket.executor ? rooms.unassigned(ticket.department.id) : rooms.department(ticket.department.id);
  return [department, ...(ticket.executor ? [rooms.employee(ticket.executor.id)] : []), ...ticket.participantIds.map(rooms.employee)];
}
