import { idParamSchema } from '../admin';
import { attachmentSchema } from '../attachments';
import { ErrorCode } from '../error-codes';
import {
  createVisitorSessionRequestSchema,
  updateVisitorRequestSchema,
  visitorMessageSchema,
  visitorQueueSchema,
  visitorSchema,
  visitorSessionSchema,
  visitorStateSchema,
  visitorSendMessageSchema,
  widgetConfigQuerySchema,
  widgetConfigSchema,
} from '../widget';
import { publicAccess, visitorAccess } from './access';
import { defineRoutes } from './define-route';

/** The chat widget's side: a visitor holds a server-minted token (`Authorization: Bearer …`). */
export const widgetRoutes = defineRoutes('widget', {
  config: {
    summary: 'A widget\'s public settings',
    description: 'Read by the loader on the host page (any origin) before it shows anything.',
    access: publicAccess,
    query: widgetConfigQuerySchema,
    response: widgetConfigSchema,
    errors: { [ErrorCode.WidgetKeyUnknown]: null },
    crossSite: true,
  },
  createSession: {
    summary: 'Start a visitor session',
    description: 'Answers with the visitor token for every other widget route and the socket handshake.',
    access: publicAccess,
    body: createVisitorSessionRequestSchema,
    response: visitorSessionSchema,
    status: 201,
    errors: { [ErrorCode.WidgetKeyUnknown]: null },
    rateLimited: true,
    crossSite: true,
  },
  state: {
    summary: 'The visitor and their live conversation',
    description: 'With the newest page of its history (never internal comments).',
    access: visitorAccess,
    response: visitorStateSchema,
  },
  queue: {
    summary: 'The visitor\'s place in the queue',
    description: 'DSP-5: 1 = next; null when nobody\'s turn is awaited.',
    access: visitorAccess,
    response: visitorQueueSchema,
  },
  updateVisitor: {
    summary: 'Set the visitor\'s name and email',
    access: visitorAccess,
    body: updateVisitorRequestSchema,
    response: visitorSchema,
  },
  upload: {
    summary: 'Upload a file from the visitor',
    description: 'WGT-9: sent with the next message by id (`attachmentIds`). Within the visitor\'s hourly quota of files and bytes; an upload never sent is deleted after a day (configurable).',
    access: visitorAccess,
    upload: true,
    response: attachmentSchema,
    status: 201,
    rateLimited: true,
  },
  download: {
    summary: 'Download a file of the visitor\'s own conversation',
    description: 'Never a comment\'s file; for the visitor\'s token only.',
    access: visitorAccess,
    params: idParamSchema,
    download: true,
    errors: { [ErrorCode.AttachmentNotFound]: null },
  },
  sendMessage: {
    summary: 'Send a message as the visitor',
    description: 'The same as the socket\'s `visitor:send`, for clients without a socket; `clientMsgId` makes retries idempotent. One rate limit per visitor covers both.',
    access: visitorAccess,
    body: visitorSendMessageSchema,
    response: visitorMessageSchema,
    status: 201,
    errors: { [ErrorCode.WidgetKeyUnknown]: null, [ErrorCode.AttachmentNotFound]: null },
    rateLimited: true,
  },
});
