export { addMessages, catchUpAll, sectionCount, ticketKeys, upsertTicket, useCustomFields, useDirectory, useStatuses, useTicketList } from './api/tickets';
export { useStatusLabel } from './components/status-label';
export { InboxPage } from './routes/inbox-page';
export { TicketPage } from './routes/ticket-page';
