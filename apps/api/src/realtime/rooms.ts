/** Socket rooms. Only the server puts sockets in rooms, by the same rules as REST access. */
export const rooms = {
  employee: (id: string) => `employee:${id}`,
  session: (id: string) => `session:${id}`,
  department: (id: string) => `department:${id}`,
  /** Staff watching one conversation; visitors are never in it. */
  ticket: (id: string) => `ticket:${id}`,
  visitor: (clientId: string) => `visitor:${clientId}`,
};
