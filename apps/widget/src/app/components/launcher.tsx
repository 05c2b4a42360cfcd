import type { Ref } from 'preact';
import { useWidget } from '../widget-context';
import { ChatIcon } from './icons';

interface LauncherProps {
  unread: number;
  onOpen: () => void;
  buttonRef: Ref<HTMLButtonElement>;
}

/** The round button in the page corner, with the count of unread replies while the panel is closed. */
export function Launcher({ unread, onOpen, buttonRef }: LauncherProps) {
  const { t } = useWidget();
  const label = unread > 0 ? `${t.openChat}. ${t.unread(unread)}` : t.openChat;
  return (
    <div class="launcher-frame">
      <button ref={buttonRef} type="button" class="launcher" data-testid="omni-launcher" aria-label={label} title={t.openChat} onClick={onOpen}>
        <ChatIcon />
        {unread > 0 && (
          <span class="badge" data-testid="omni-unread" aria-hidden="true">
            {unread > 99 ? '99+' : String(unread)}
          </span>
        )}
      </button>
    </div>
  );
}
