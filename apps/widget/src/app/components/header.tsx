import type { ChatState } from '../chat/chat-controller';
import { useWidget } from '../widget-context';
import { ChatIcon, ChevronDownIcon, PersonIcon } from './icons';

interface HeaderProps {
  state: ChatState;
  onClose: () => void;
  onDetails: () => void;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).slice(0, 2);
  return parts.map((p) => p.charAt(0).toUpperCase()).join('');
}

export function Header({ state, onClose, onDetails }: HeaderProps) {
  const { t } = useWidget();
  const { conversation, currentTicketId, config } = state;
  const current = conversation && conversation.ticketId === currentTicketId ? conversation : null;
  const operator = current?.live ? current.operatorName : null;
  const waiting = current?.live === true && !operator;
  return (
    <header class="header">
      <div class={operator ? 'avatar avatar-person' : 'avatar'} aria-hidden="true">
        {operator ? initials(operator) : <ChatIcon />}
      </div>
      <div class="titles">
        <h1 id="omni-title" class="title">
          {config?.title ?? t.defaultTitle}
        </h1>
        {operator ? (
          <p class="subtitle" data-testid="omni-operator">
            <span class="online-dot" aria-hidden="true" />
            {t.operatorAnswering(operator)}
          </p>
        ) : (
          <p class="subtitle">{waiting ? t.waitingForOperator : t.tagline}</p>
        )}
      </div>
      <button type="button" class="icon-button" data-testid="omni-details-link" aria-label={t.yourDetails} title={t.yourDetails} onClick={onDetails}>
        <PersonIcon />
      </button>
      <button type="button" class="icon-button" data-testid="omni-close" aria-label={t.closeChat} title={t.closeChat} onClick={onClose}>
        <ChevronDownIcon />
      </button>
    </header>
  );
}
