export const AccessEvents = {
  /** These employees' rights or departments changed: their open sockets must pick up the new rooms. */
  Changed: 'access.changed',
} as const;

export interface AccessChangedEvent {
  employeeIds: string[];
}
