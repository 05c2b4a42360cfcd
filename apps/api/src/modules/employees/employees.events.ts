export const EmployeeEvents = {
  /** The employee was disabled or deleted: sessions, tokens and live chats must let go of them. */
  Deactivated: 'employee.deactivated',
  /** The password changed: every other session of the employee ends. */
  PasswordChanged: 'employee.password-changed',
} as const;

export interface EmployeeDeactivatedEvent {
  employeeId: string;
  employeeName: string;
  reason: 'disabled' | 'deleted';
}

export interface PasswordChangedEvent {
  employeeId: string;
  /** The session that made the change stays signed in. */
  keepSessionId: string | null;
}
