import { MAX_MESSAGE_LENGTH } from '@omnichannel/contracts';
import type { Ref } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { useWidget } from '../widget-context';
import { SendIcon } from './icons';

/** The counter appears near the limit only. */
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 1_000;
const MAX_HEIGHT_PX = 132;

interface ComposerProps {
  draft: string;
  onDraft: (text: string) => void;
  inputRef: Ref<HTMLTextAreaElement>;
}

/** Enter sends, Shift+Enter starts a new line. */
export function Composer({ draft, onDraft, inputRef }: ComposerProps) {
  const { controller, t } = useWidget();
  const ownRef = useRef<HTMLTextAreaElement | null>(null);
  const canSend = draft.trim().length > 0;

  // Grows with the text up to a few lines; an empty box is one line whatever the frame's width was.
  const fit = () => {
    const el = ownRef.current;
    if (!el) return;
    el.style.height = '';
    if (el.value) el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  };
  useLayoutEffect(fit, [draft]);
  useEffect(() => {
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  const send = () => {
    if (controller.send(draft)) onDraft('');
    ownRef.current?.focus();
  };

  const setRefs = (el: HTMLTextAreaElement | null) => {
    ownRef.current = el;
    if (typeof inputRef === 'function') inputRef(el);
    else if (inputRef) inputRef.current = el;
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label class="sr-only" for="omni-input">
        {t.messageLabel}
      </label>
      <textarea
        ref={setRefs}
        id="omni-input"
        data-testid="omni-input"
        rows={1}
        maxLength={MAX_MESSAGE_LENGTH}
        placeholder={t.placeholder}
        value={draft}
        onInput={(e) => onDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      {draft.length >= COUNTER_FROM && (
        <span class={draft.length >= MAX_MESSAGE_LENGTH ? 'counter counter-full' : 'counter'} aria-live="polite">
          {t.charsLeft(draft.length, MAX_MESSAGE_LENGTH)}
        </span>
      )}
      <button type="submit" class="send-button" data-testid="omni-send" aria-label={t.send} title={t.send} disabled={!canSend}>
        <SendIcon />
      </button>
    </form>
  );
}
