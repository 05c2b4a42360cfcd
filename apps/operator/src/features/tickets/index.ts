export { addMessages, ticketKeys, upsertTicket } from './api/tickets';
export { InboxPage } from './routes/inbox-page';
