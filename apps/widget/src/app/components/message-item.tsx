import type { SystemEvent, VisitorMessage } from '@omnichannel/contracts';
import type { PendingMessage } from '../chat/chat-controller';
import type { Dictionary } from '../i18n';
import { useWidget } from '../widget-context';
import { AttachmentList } from './attachments';
import { MessageText } from './message-text';

/** System entries in the visitor's language, from the event rather than the stored English text. */
function systemText(message: VisitorMessage, t: Dictionary): string {
  const event: SystemEvent | null = message.event;
  if (!event) return message.body;
  switch (event.type) {
    case 'ticket.created':
      return t.started;
    case 'ticket.assigned':
      return t.joined(event.employeeName);
    case 'ticket.completed':
      return t.completed;
    case 'ticket.released':
      return t.released(event.employeeName);
    case 'ticket.transferred':
      // Sent to the visitor only when a person takes over; a department alone is not news to them.
      if (event.toEmployeeName) return t.joined(event.toEmployeeName);
      return event.toDepartmentName ? t.transferred(event.toDepartmentName) : t.transferredSomeone;
    case 'ticket.invited':
      return t.joined(event.employeeName);
    case 'ticket.moved-to-tickets':
      return t.movedToTickets;
    case 'ticket.status-changed':
      return t.statusChanged;
    // Internal: the server never sends these to a visitor.
    case 'rule.applied':
    case 'ticket.queued':
    case 'sla.breached':
      return message.body;
  }
}

function errorText(error: NonNullable<PendingMessage['error']>, t: Dictionary): string {
  switch (error.code) {
    case 'MESSAGE_TOO_LONG':
    case 'RATE_LIMITED':
    case 'VALIDATION_FAILED':
    case 'WIDGET_KEY_UNKNOWN':
    case 'ATTACHMENT_NOT_FOUND':
      return t.errors[error.code];
    default:
      return t.errors.generic;
  }
}

function canRetry(error: NonNullable<PendingMessage['error']>): boolean {
  return !['MESSAGE_TOO_LONG', 'VALIDATION_FAILED', 'WIDGET_KEY_UNKNOWN', 'ATTACHMENT_NOT_FOUND'].includes(error.code);
}

interface ServerMessageProps {
  message: VisitorMessage;
  /** Not the first of a run of one sender's messages: no name above, less space. */
  continued: boolean;
  /** The last of a run: the time below. */
  showMeta: boolean;
  /** "Sent" under the visitor's latest message only; earlier ones are sent by implication. */
  showDelivery: boolean;
}

export function ServerMessage({ message, continued, showMeta, showDelivery }: ServerMessageProps) {
  const { t, format } = useWidget();
  if (message.kind === 'system') {
    return (
      <li class="msg msg-system" data-testid="omni-message" data-kind="system" data-seq={message.seq} data-state="sent">
        <span>{systemText(message, t)}</span>
      </li>
    );
  }
  const own = message.kind === 'client';
  return (
    <li
      class={`msg ${own ? 'msg-own' : 'msg-reply'}${continued ? ' msg-continued' : ''}`}
      data-testid="omni-message"
      data-kind={message.kind}
      data-seq={message.seq}
      data-state="sent"
    >
      {!own && !continued && <bdi class="author">{message.authorName ?? t.operator}</bdi>}
      {message.body && (
        <div class="bubble" dir="auto">
          <MessageText text={message.body} />
        </div>
      )}
      <AttachmentList items={message.attachments} />
      {showMeta ? (
        <div class="meta">
          <span class="sr-only">{own ? t.you : (message.authorName ?? t.operator)}</span>
          <time dateTime={message.createdAt}>{format.time(message.createdAt)}</time>
          {own && showDelivery && <span class="delivery">{t.sent}</span>}
        </div>
      ) : (
        <span class="sr-only">{own ? t.you : (message.authorName ?? t.operator)}</span>
      )}
    </li>
  );
}

interface PendingItemProps {
  item: PendingMessage;
  onRetry: (clientMsgId: string) => void;
  onDismiss: (clientMsgId: string) => void;
}

export function PendingItem({ item, onRetry, onDismiss }: PendingItemProps) {
  const { t, format } = useWidget();
  const failed = item.error !== null;
  return (
    <li class={failed ? 'msg msg-own msg-failed' : 'msg msg-own msg-pending'} data-testid="omni-message" data-kind="client" data-state={failed ? 'error' : 'pending'}>
      {item.body && (
        <div class="bubble" dir="auto">
          <MessageText text={item.body} />
        </div>
      )}
      <AttachmentList items={item.attachments ?? []} />
      <div class="meta">
        <span class="sr-only">{t.you}</span>
        <time dateTime={item.createdAt}>{format.time(item.createdAt)}</time>
        <span class="delivery">{failed ? t.notSent : t.sending}</span>
      </div>
      {item.error && (
        <div class="msg-error" data-testid="omni-message-error" role="alert">
          <span>{errorText(item.error, t)}</span>
          {canRetry(item.error) && (
            <button type="button" class="link-button" onClick={() => onRetry(item.clientMsgId)}>
              {t.retry}
            </button>
          )}
          <button type="button" class="link-button" onClick={() => onDismiss(item.clientMsgId)}>
            {t.dismiss}
          </button>
        </div>
      )}
    </li>
  );
}
