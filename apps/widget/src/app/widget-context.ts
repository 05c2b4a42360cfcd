import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ChatController, ChatState } from './chat/chat-controller';
import type { Dictionary } from './i18n';
import type { Formatters } from './lib/format';

export interface WidgetContextValue {
  controller: ChatController;
  t: Dictionary;
  format: Formatters;
}

export const WidgetContext = createContext<WidgetContextValue | null>(null);

export function useWidget(): WidgetContextValue {
  const value = useContext(WidgetContext);
  if (!value) throw new Error('useWidget outside WidgetContext');
  return value;
}

export function useChatState(): ChatState {
  const { controller } = useWidget();
  const [state, setState] = useState(controller.getState);
  useEffect(() => {
    setState(controller.getState());
    return controller.subscribe(() => setState(controller.getState()));
  }, [controller]);
  return state;
}
