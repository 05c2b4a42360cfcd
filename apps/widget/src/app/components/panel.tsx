import type { Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ChatState } from '../chat/chat-controller';
import { useWidget } from '../widget-context';
import { Composer } from './composer';
import { DetailsForm } from './details-form';
import { Header } from './header';
import { ArrowLeftIcon } from './icons';
import { MessageList } from './message-list';

interface PanelProps {
  state: ChatState;
  draft: string;
  onDraft: (text: string) => void;
  onClose: () => void;
  inputRef: Ref<HTMLTextAreaElement>;
}

function DetailsView({ state, onBack, onSaved }: { state: ChatState; onBack: () => void; onSaved: () => void }) {
  const { t } = useWidget();
  const { visitor, hostUser } = state;
  return (
    <div class="details-view">
      <button type="button" class="back-button" onClick={onBack}>
        <ArrowLeftIcon />
        <span>{t.back}</span>
      </button>
      <h2 class="details-title">{t.yourDetails}</h2>
      <p class="details-text">{t.detailsText}</p>
      <DetailsForm
        idPrefix="omni-details"
        initialName={visitor?.name ?? hostUser.name ?? ''}
        initialEmail={visitor?.email ?? hostUser.email ?? ''}
        onSaved={onSaved}
      />
    </div>
  );
}

export function Panel({ state, draft, onDraft, onClose, inputRef }: PanelProps) {
  const { t } = useWidget();
  const [view, setView] = useState<'chat' | 'details'>('chat');
  const [notice, setNotice] = useState(false);
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(false), 4_000);
    return () => window.clearTimeout(timer);
  }, [notice]);
  const { conversation, currentTicketId } = state;
  const completed = conversation !== null && conversation.ticketId === currentTicketId && !conversation.live;
  const showDetails = () => setView((v) => (v === 'details' ? 'chat' : 'details'));

  return (
    <section
      class="panel"
      data-testid="omni-panel"
      role="dialog"
      aria-labelledby="omni-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <Header state={state} onClose={onClose} onDetails={showDetails} />
      {view === 'details' ? (
        <DetailsView
          state={state}
          onBack={() => setView('chat')}
          onSaved={() => {
            setView('chat');
            setNotice(true);
          }}
        />
      ) : (
        <>
          {notice && (
            <p class="banner banner-success" role="status">
              {t.saved}
            </p>
          )}
          {state.connection === 'offline' && (
            <p class="banner" role="status">
              {t.reconnecting}
            </p>
          )}
          <MessageList state={state} onEditDetails={() => setView('details')} />
          {completed && (
            <p class="status-note" data-testid="omni-status" role="status">
              {t.completedNote}
            </p>
          )}
          <Composer draft={draft} onDraft={onDraft} inputRef={inputRef} />
        </>
      )}
    </section>
  );
}
