import { idParamSchema } from '../admin';
import { attachmentSchema } from '../attachments';
import { ErrorCode } from '../error-codes';
import { ticketTakenDetailsSchema } from '../error-details';
import { Permission } from '../permissions';
import {
  changeStatusRequestSchema,
  completeRequestSchema,
  inviteRequestSchema,
  messageHistoryQuerySchema,
  messageSearchQuerySchema,
  messageSearchResultSchema,
  messagePageSchema,
  messageSchema,
  postMessageRequestSchema,
  previousRequestListSchema,
  readRequestSchema,
  ticketDetailSchema,
  ticketIdParamSchema,
  ticketListQuerySchema,
  ticketListSchema,
  ticketSearchQuerySchema,
  ticketSearchResultSchema,
  ticketSummarySchema,
  transferRequestSchema,
  updateCustomValuesRequestSchema,
} from '../tickets';
import { employeeAccess } from './access';
import { defineRoutes } from './define-route';

const omni = employeeAccess(Permission.OmniAccess);

/** Changes of a live conversation: refused when it is not visible, not live, or not the caller's to change. */
const conversationChange = { [ErrorCode.TicketNotFound]: null, [ErrorCode.TicketNotLive]: null, [ErrorCode.NotExecutor]: null } as const;

export const ticketRoutes = defineRoutes('tickets', {
  list: {
    summary: 'Live chats of a section',
    description: 'NAV-2 Unassigned (needs `omni.unassigned` too), NAV-3 All chats (`mine`), NAV-4 one channel\'s live chats; with the caller\'s read marks; keyset-paged (`nextCursor`).',
    access: omni,
    query: ticketListQuerySchema,
    response: ticketListSchema,
    errors: { [ErrorCode.InvalidCursor]: null },
  },
  search: {
    summary: 'Search the ticket list',
    description: 'CORE-6: every visible ticket, live or not, by number, subject, client name, email or phone; filtered, keyset-paged, counted up to 1,000.',
    access: omni,
    query: ticketSearchQuerySchema,
    response: ticketSearchResultSchema,
    errors: { [ErrorCode.InvalidCursor]: null },
  },
  searchMessages: {
    summary: 'Search the text of conversations',
    description: 'Issue #19: full-text search (Russian and English word forms) through the messages and comments of every ticket the caller may see, newest first, with the matched words marked.',
    access: omni,
    query: messageSearchQuerySchema,
    response: messageSearchResultSchema,
    errors: { [ErrorCode.InvalidCursor]: null },
  },
  detail: {
    summary: 'One ticket with its client panel',
    description: 'A ticket of a department the caller does not work in is "not found", like one that does not exist (PERM-6).',
    access: omni,
    params: ticketIdParamSchema,
    response: ticketDetailSchema,
    errors: { [ErrorCode.TicketNotFound]: null },
  },
  clientAvatar: {
    summary: 'The picture of the ticket\'s client, as their messenger shows it (WORK-4)',
    description:
      'Fetched from the platform once, when the client first wrote (Telegram\'s profile photo, VK\'s photo_100, Viber\'s avatar) and kept with the client\'s files: the platforms\' own addresses expire and would tell them who opens the client panel. For whoever may see the ticket; 404 CLIENT_AVATAR_NOT_FOUND when the client has none.',
    access: omni,
    params: ticketIdParamSchema,
    download: true,
    errors: { [ErrorCode.TicketNotFound]: null, [ErrorCode.ClientAvatarNotFound]: null },
  },
  messages: {
    summary: 'A page of a conversation\'s history',
    description: 'WORK-12: `afterSeq` resumes after a reconnect, `beforeSeq` loads older pages; `view=ticket` gives the ticket\'s history with merged replies (SET-1).',
    access: omni,
    params: ticketIdParamSchema,
    query: messageHistoryQuerySchema,
    response: messagePageSchema,
    errors: { [ErrorCode.TicketNotFound]: null },
  },
  previous: {
    summary: 'The client\'s previous requests',
    access: omni,
    params: ticketIdParamSchema,
    response: previousRequestListSchema,
    errors: { [ErrorCode.TicketNotFound]: null },
  },
  postMessage: {
    summary: 'Reply to the client or leave an internal comment',
    description:
      'WORK-6: a reply goes to the client (by the executor or a holder of `omni.management`); a comment is internal. Files are uploaded first (POST /attachments) and sent by id. `clientMsgId` makes retries idempotent.',
    access: omni,
    params: ticketIdParamSchema,
    body: postMessageRequestSchema,
    response: messageSchema,
    status: 201,
    errors: { ...conversationChange, [ErrorCode.AttachmentNotFound]: null },
  },
  take: {
    summary: 'Take a request from the Unassigned queue',
    description: 'WORK-2: of two employees taking at once exactly one wins; the other is told who.',
    access: employeeAccess(Permission.OmniAccess, Permission.OmniUnassigned),
    params: ticketIdParamSchema,
    response: ticketSummarySchema,
    errors: { [ErrorCode.TicketNotFound]: null, [ErrorCode.TicketNotLive]: null, [ErrorCode.TicketAlreadyTaken]: ticketTakenDetailsSchema },
  },
  complete: {
    summary: 'Complete the live chat',
    description: 'WORK-11; with `asTicket` (WORK-14) the ticket stays open for ordinary work. The body may be left out.',
    access: omni,
    params: ticketIdParamSchema,
    body: completeRequestSchema.default({ asTicket: false }),
    response: ticketSummarySchema,
    errors: conversationChange,
  },
  transfer: {
    summary: 'Transfer to an employee or a department',
    description: 'WORK-10, with an optional internal comment; the receiver is told at once.',
    access: omni,
    params: ticketIdParamSchema,
    body: transferRequestSchema,
    response: ticketSummarySchema,
    errors: { ...conversationChange, [ErrorCode.EmployeeNotFound]: null, [ErrorCode.DepartmentNotFound]: null },
  },
  invite: {
    summary: 'Invite a colleague into the conversation',
    description: 'WORK-5: e.g. the client\'s previous executor.',
    access: omni,
    params: ticketIdParamSchema,
    body: inviteRequestSchema,
    response: ticketSummarySchema,
    errors: { ...conversationChange, [ErrorCode.EmployeeNotFound]: null },
  },
  changeStatus: {
    summary: 'Change the ticket\'s status',
    description: 'CORE-4: a final status closes the ticket; a live chat is completed instead.',
    access: omni,
    params: ticketIdParamSchema,
    body: changeStatusRequestSchema,
    response: ticketSummarySchema,
    errors: { ...conversationChange, [ErrorCode.StatusNotFound]: null },
  },
  markRead: {
    summary: 'Mark the conversation read up to a sequence number',
    description: 'NAV-7: the unread counters follow.',
    access: omni,
    params: ticketIdParamSchema,
    body: readRequestSchema,
    errors: { [ErrorCode.TicketNotFound]: null },
  },
  updateCustom: {
    summary: 'Set custom field values of the ticket and its client',
    description: 'WORK-4: each value is checked against its field\'s type.',
    access: omni,
    params: ticketIdParamSchema,
    body: updateCustomValuesRequestSchema,
    response: ticketSummarySchema,
    errors: { [ErrorCode.TicketNotFound]: null, [ErrorCode.CustomFieldNotFound]: null },
  },
});

export const messageRoutes = defineRoutes('messages', {
  retry: {
    summary: 'Send a failed reply again',
    description: 'WORK-9: only a reply whose delivery failed.',
    access: omni,
    params: idParamSchema,
    response: messageSchema,
    errors: { [ErrorCode.MessageNotFound]: null, [ErrorCode.NotRetryable]: null, [ErrorCode.NotExecutor]: null },
  },
});

/** CORE-7: files are checked by their bytes and served only as downloads. */
export const attachmentRoutes = defineRoutes('attachments', {
  upload: {
    summary: 'Upload a file for a message or a template',
    description: 'One file, at most 10 MB, as multipart/form-data in the field `file`; its type is decided by its bytes. Send it with the next message by id.',
    access: omni,
    upload: true,
    response: attachmentSchema,
    status: 201,
  },
  download: {
    summary: 'Download a file',
    description: 'For whoever may see the file\'s ticket; a template\'s file for any Omni user; an unsent upload for its uploader. Otherwise "not found".',
    access: omni,
    params: idParamSchema,
    download: true,
    errors: { [ErrorCode.AttachmentNotFound]: null },
  },
});
