/** Who is calling: an employee by session, or a widget visitor by visitor token. */
export interface EmployeePrincipal {
  kind: 'employee';
  id: string;
  name: string;
  email: string;
  sessionId: string;
}

export interface VisitorPrincipal {
  kind: 'visitor';
  clientId: string;
  channelId: string;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    employee?: EmployeePrincipal;
    visitor?: VisitorPrincipal;
  }
}
