import type { Attachment } from '@omnichannel/contracts';
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatState } from '../chat/chat-controller';
import { useWidget } from '../widget-context';
import { ImageViewer, ImageViewerContext } from './attachments';
import { Composer } from './composer';
import { DetailsForm } from './details-form';
import { Header } from './header';
import { ArrowLeftIcon, PaperclipIcon } from './icons';
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

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') === true;
}

/** "Olga is typing…" above the composer (WORK-8). */
function TypingIndicator({ name }: { name: string | null }) {
  const { t } = useWidget();
  return (
    <div class="typing" data-testid="omni-typing" role="status">
      <span class="typing-dots" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      <span class="typing-text">{t.typing(name)}</span>
    </div>
  );
}

export function Panel({ state, draft, onDraft, onClose, inputRef }: PanelProps) {
  const { controller, t } = useWidget();
  const [view, setView] = useState<'chat' | 'details'>('chat');
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const [dragging, setDragging] = useState(false);
  /** dragenter/dragleave fire for every child crossed: count them to know when the files left the panel. */
  const dragDepth = useRef(0);
  const [notice, setNotice] = useState(false);
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(false), 4_000);
    return () => window.clearTimeout(timer);
  }, [notice]);
  const { conversation, currentTicketId } = state;
  const completed = conversation !== null && conversation.ticketId === currentTicketId && !conversation.live;
  const showDetails = () => setView((v) => (v === 'details' ? 'chat' : 'details'));

  const chat = view === 'chat';
  const endDrag = () => {
    dragDepth.current = 0;
    setDragging(false);
  };

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
      onDragEnter={(e) => {
        if (!chat || !hasFiles(e)) return;
        e.preventDefault();
        dragDepth.current += 1;
        setDragging(true);
      }}
      onDragOver={(e) => {
        if (!chat || !hasFiles(e)) return;
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        dragDepth.current = Math.max(0, dragDepth.current - 1);
        if (dragDepth.current === 0) setDragging(false);
      }}
      onDrop={(e) => {
        if (!chat || !hasFiles(e)) return;
        e.preventDefault();
        endDrag();
        const dropped = [...(e.dataTransfer?.files ?? [])];
        if (dropped.length > 0) controller.addFiles(dropped);
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
          {(state.connection === 'offline' || state.connection === 'unavailable') && (
            <p class="banner" role="status">
              {state.connection === 'offline' ? t.reconnecting : t.unavailable}
            </p>
          )}
          <ImageViewerContext.Provider value={setViewing}>
            <MessageList state={state} onEditDetails={() => setView('details')} />
          </ImageViewerContext.Provider>
          {state.operatorTyping && <TypingIndicator name={state.operatorTyping.name} />}
          {completed && (
            <p class="status-note" data-testid="omni-status" role="status">
              {t.completedNote}
            </p>
          )}
          <Composer draft={draft} onDraft={onDraft} files={state.files} inputRef={inputRef} />
          {dragging && (
            <div class="drop-zone" data-testid="omni-drop-zone" aria-hidden="true">
              <div class="drop-card">
                <PaperclipIcon />
                <strong>{t.dropFiles}</strong>
                <span>{t.dropHint}</span>
              </div>
            </div>
          )}
          {viewing && <ImageViewer attachment={viewing} onClose={() => setViewing(null)} />}
        </>
      )}
    </section>
  );
}
