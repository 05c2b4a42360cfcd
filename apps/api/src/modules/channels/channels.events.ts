/** In-process events of the channels module (EventEmitter2). */
export const ChannelEvents = {
  /** WORK-8: an employee types a reply in a conversation of a messenger; the platform shows "typing…". */
  EmployeeTyping: 'channel.employee-typing',
} as const;

export interface EmployeeTypingEvent {
  ticketId: string;
  channelId: string;
  channelType: string;
  clientId: string;
}
