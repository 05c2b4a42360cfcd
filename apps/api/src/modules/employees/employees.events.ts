export const EmployeeEvents = {
  /** The employee was disabled or deleted: sessions, tokens and live chats must let go of them. */
  Deactivated: 'employee.deactivated',
  /** The password changed: every other session of the employee ends (and, when an administrator set it, their API tokens). */
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
  /**
   * Set when an administrator reset it (issue #10 point 11): a reset is how an account is taken back, so
   * the integrations set up under the old password stop too. Changing one's own password keeps them.
   */
  revokeApiTokens: boolean;
}
