import type { VisitorMessage } from '@omnichannel/contracts';
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatState } from '../chat/chat-controller';
import { useWidget } from '../widget-context';
import { DetailsForm } from './details-form';
import { PendingItem, ServerMessage } from './message-item';

interface MessageListProps {
  state: ChatState;
  onEditDetails: () => void;
}

function lastOwnMessageId(segments: ChatState['segments']): string | null {
  for (let s = segments.length - 1; s >= 0; s -= 1) {
    const messages = segments[s]?.messages ?? [];
    for (let i = messages.length - 1; i >= 0; i -= 1) if (messages[i]?.kind === 'client') return messages[i]?.id ?? null;
  }
  return null;
}

/** Consecutive messages of one sender within one minute form a run: one name above, one time below. */
function sameRun(a: VisitorMessage | undefined, b: VisitorMessage | undefined): boolean {
  if (!a || !b || a.kind === 'system' || a.kind !== b.kind || a.authorName !== b.authorName) return false;
  return Math.floor(Date.parse(a.createdAt) / 60_000) === Math.floor(Date.parse(b.createdAt) / 60_000);
}

/** Pixels from the bottom within which the list follows new messages. */
const STICK_PX = 96;

function Intro({ state, onEditDetails }: MessageListProps) {
  const { t } = useWidget();
  const [justSaved, setJustSaved] = useState(false);
  const { visitor, hostUser } = state;
  const name = visitor?.name || hostUser.name || '';
  const email = visitor?.email || hostUser.email || '';
  const known = name || email;
  return (
    <div class="intro">
      <p class="intro-title">{t.greetingTitle}</p>
      <p class="intro-text">{t.greetingText}</p>
      {justSaved ? (
        <p class="intro-note" role="status">
          {t.saved}
        </p>
      ) : known ? (
        <p class="intro-note">
          {t.chattingAs(name || email)}{' '}
          <button type="button" class="link-button" onClick={onEditDetails}>
            {t.edit}
          </button>
        </p>
      ) : (
        <div class="intro-card">
          <p class="intro-card-text">{t.introDetails}</p>
          <DetailsForm idPrefix="omni-intro" initialName={name} initialEmail={email} onSaved={() => setJustSaved(true)} />
        </div>
      )}
    </div>
  );
}

export function MessageList({ state, onEditDetails }: MessageListProps) {
  const { controller, t, format } = useWidget();
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const { segments, pending } = state;
  const messageCount = segments.reduce((n, s) => n + s.messages.length, 0);
  const empty = messageCount === 0 && pending.length === 0;

  /** After older messages are added above, keep what the visitor was looking at in place. */
  const keepFromBottom = useRef<number | null>(null);

  // Follow the conversation while the visitor is at the bottom; leave them be when they scrolled up.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (keepFromBottom.current !== null) {
      el.scrollTop = el.scrollHeight - keepFromBottom.current;
      keepFromBottom.current = null;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messageCount, pending.length, state.pending]);

  // The list grows without a new message (an image arrives) and the scroller shrinks (files attached,
  // "typing…" shown): stay at the bottom through those too.
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stick.current && keepFromBottom.current === null) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    if (list.current) observer.observe(list.current);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
  };

  const loadEarlier = async () => {
    setLoadingEarlier(true);
    stick.current = false;
    const el = scroller.current;
    if (el) keepFromBottom.current = el.scrollHeight - el.scrollTop;
    try {
      await controller.loadEarlier();
    } finally {
      setLoadingEarlier(false);
      // Nothing came (or it rendered already): do not let a later message restore this position.
      window.setTimeout(() => (keepFromBottom.current = null), 0);
    }
  };

  const lastOwnId = pending.length > 0 ? null : lastOwnMessageId(segments);
  const items: JSX.Element[] = [];
  let lastDay = '';
  segments.forEach((segment, index) => {
    if (index > 0 && segment.messages.length + (index === segments.length - 1 ? pending.length : 0) > 0) {
      items.push(
        <li key={`divider-${segment.ticketId}`} class="divider" role="separator">
          <span>{t.newConversation}</span>
        </li>,
      );
    }
    segment.messages.forEach((message, i) => {
      const previous = segment.messages[i - 1];
      const next = segment.messages[i + 1];
      const day = format.dayKey(message.createdAt);
      if (day !== lastDay) {
        lastDay = day;
        items.push(
          <li key={`day-${message.id}`} class="day" aria-hidden="true">
            {format.day(message.createdAt)}
          </li>,
        );
      }
      items.push(
        <ServerMessage
          key={message.id}
          message={message}
          continued={sameRun(previous, message)}
          showMeta={!sameRun(message, next) || message.id === lastOwnId}
          showDelivery={message.id === lastOwnId}
        />,
      );
    });
  });
  for (const item of pending) {
    items.push(
      <PendingItem key={item.clientMsgId} item={item} onRetry={(id) => controller.retry(id)} onDismiss={(id) => controller.dismiss(id)} />,
    );
  }

  return (
    <div class="scroller" ref={scroller} onScroll={onScroll}>
      {empty && !state.loadingHistory && <Intro state={state} onEditDetails={onEditDetails} />}
      {state.loadingHistory && empty && (
        <p class="loading" role="status">
          {t.loading}
        </p>
      )}
      {state.hasMore && (
        <button type="button" class="earlier-button" onClick={() => void loadEarlier()} disabled={loadingEarlier}>
          {loadingEarlier ? t.loading : t.earlier}
        </button>
      )}
      <ol ref={list} class="messages" data-testid="omni-messages" aria-live="polite" aria-relevant="additions" aria-label={t.messages}>
        {items}
      </ol>
    </div>
  );
}
