import { useEffect, useRef, useState } from 'preact/hooks';
import { useChatState, useWidget } from '../widget-context';
import { Launcher } from './launcher';
import { Panel } from './panel';

const coarsePointer = window.matchMedia('(pointer: coarse)').matches;

/**
 * Closed: the launcher. Open: the panel (the loader resizes the frame from our omni:state). Focus goes
 * into the panel only when the visitor opened it here, never when the host page called open().
 */
export function App() {
  const { controller } = useWidget();
  const state = useChatState();
  const [draft, setDraft] = useState('');
  const focusNext = useRef<'input' | 'launcher' | null>(null);
  const input = useRef<HTMLTextAreaElement | null>(null);
  const launcher = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    const target = focusNext.current === 'input' ? input.current : focusNext.current === 'launcher' ? launcher.current : null;
    focusNext.current = null;
    target?.focus();
  }, [state.open]);

  const open = () => {
    if (!coarsePointer) focusNext.current = 'input';
    controller.setOpen(true);
  };
  const close = () => {
    focusNext.current = 'launcher';
    controller.setOpen(false);
  };

  return state.open ? (
    <Panel state={state} draft={draft} onDraft={setDraft} onClose={close} inputRef={input} />
  ) : (
    <Launcher unread={state.unread} onOpen={open} buttonRef={launcher} />
  );
}
