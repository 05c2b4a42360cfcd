import { MAX_MESSAGE_LENGTH } from '@omnichannel/contracts';
import type { Ref } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { DraftFile } from '../chat/chat-controller';
import type { Dictionary } from '../i18n';
import { useWidget } from '../widget-context';
import { CloseIcon, FileIcon, PaperclipIcon, SendIcon } from './icons';

/** The counter appears near the limit only. */
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 1_000;
const MAX_HEIGHT_PX = 132;

interface ComposerProps {
  draft: string;
  onDraft: (text: string) => void;
  files: DraftFile[];
  inputRef: Ref<HTMLTextAreaElement>;
}

function fileErrorText(error: NonNullable<DraftFile['error']>, t: Dictionary): string {
  switch (error.code) {
    case 'FILE_TOO_LARGE':
    case 'FILE_TYPE_NOT_ALLOWED':
    case 'TOO_MANY_FILES':
    case 'NO_FILE':
    case 'RATE_LIMITED':
    case 'NETWORK':
      return t.fileErrors[error.code];
    default:
      return t.fileErrors.generic;
  }
}

/** Refusals that a second try cannot change. */
function canRetryFile(error: NonNullable<DraftFile['error']>): boolean {
  return !['FILE_TOO_LARGE', 'FILE_TYPE_NOT_ALLOWED', 'TOO_MANY_FILES', 'NO_FILE', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'].includes(error.code);
}

function FileChip({ file }: { file: DraftFile }) {
  const { controller, t, format } = useWidget();
  const percent = Math.round(file.progress * 100);
  return (
    <li class={`chip chip-${file.status}`} data-testid="omni-pending-file" data-state={file.status}>
      <div class="chip-main">
        <span class="chip-thumb" aria-hidden="true">
          {file.preview ? <img src={file.preview} alt="" /> : <FileIcon />}
        </span>
        <span class="chip-text">
          <span class="chip-name" title={file.name}>
            {file.name}
          </span>
          <span class="chip-sub">{file.status === 'uploading' ? t.uploading(percent) : format.size(file.size)}</span>
        </span>
        <button type="button" class="chip-remove" data-testid="omni-remove-file" aria-label={t.removeFile(file.name)} title={t.dismiss} onClick={() => controller.removeFile(file.id)}>
          <CloseIcon size={14} />
        </button>
      </div>
      {file.status === 'uploading' && (
        <span class="chip-progress" role="progressbar" aria-label={file.name} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <span style={{ width: `${Math.max(4, percent)}%` }} />
        </span>
      )}
      {file.error && (
        <p class="chip-error" data-testid="omni-file-error" data-code={file.error.code} role="alert">
          {fileErrorText(file.error, t)}{' '}
          {canRetryFile(file.error) && (
            <button type="button" class="link-button" onClick={() => controller.retryFile(file.id)}>
              {t.retry}
            </button>
          )}
        </p>
      )}
    </li>
  );
}

/** Enter sends, Shift+Enter starts a new line. Files: the paperclip, a paste, or a drop on the panel. */
export function Composer({ draft, onDraft, files, inputRef }: ComposerProps) {
  const { controller, t } = useWidget();
  const ownRef = useRef<HTMLTextAreaElement | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const uploading = files.some((f) => f.status === 'uploading');
  const hasFiles = files.some((f) => f.status === 'ready');
  const canSend = !uploading && (draft.trim().length > 0 || hasFiles);

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

  const setDraft = (text: string) => {
    onDraft(text);
    controller.noteDraft(text);
  };

  const send = () => {
    if (canSend && controller.send(draft)) onDraft('');
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
      {files.length > 0 && (
        <ul class="tray" data-testid="omni-pending-files" aria-label={t.attach}>
          {/* Refused files (full-width, with their reason) after the ones that will go. */}
          {[...files.filter((f) => f.status !== 'failed'), ...files.filter((f) => f.status === 'failed')].map((file) => (
            <FileChip key={file.id} file={file} />
          ))}
        </ul>
      )}
      <div class="composer-row">
        <button
          type="button"
          class="attach-button"
          data-testid="omni-attach"
          aria-label={t.attach}
          title={t.attach}
          onClick={() => fileInput.current?.click()}
        >
          <PaperclipIcon />
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          data-testid="omni-file-input"
          onChange={(e) => {
            const input = e.currentTarget;
            if (input.files?.length) controller.addFiles([...input.files]);
            input.value = ''; // the same file can be picked again
            ownRef.current?.focus();
          }}
        />
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
          onInput={(e) => setDraft(e.currentTarget.value)}
          onPaste={(e) => {
            const pasted = [...(e.clipboardData?.files ?? [])];
            if (pasted.length === 0) return;
            e.preventDefault();
            controller.addFiles(pasted);
          }}
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
        <button
          type="submit"
          class="send-button"
          data-testid="omni-send"
          aria-label={t.send}
          title={uploading ? t.waitForUploads : t.send}
          disabled={!canSend}
        >
          <SendIcon />
        </button>
      </div>
    </form>
  );
}
