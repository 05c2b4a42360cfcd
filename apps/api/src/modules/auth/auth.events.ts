export const AuthEvents = {
  /** A session ended (sign-out); its sockets must close. */
  SessionEnded: 'auth.session-ended',
} as const;

export interface SessionEndedEvent {
  sessionId: string;
}
