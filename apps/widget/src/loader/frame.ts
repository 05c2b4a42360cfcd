/**
 * The widget's only footprint on the host page: one custom element whose shadow root holds the
 * chat frame. Host styles cannot reach into the shadow root, and the host element's own styles are set
 * inline with !important so that page rules such as `body > * { display: none }` cannot hide or move it.
 */

export type Position = 'left' | 'right';

export interface WidgetFrame {
  readonly iframe: HTMLIFrameElement;
  setOpen(open: boolean): void;
}

/**
 * Closed: just the launcher bubble (60px, centred in the frame with room for its shadow and the unread
 * badge, so it sits 20px from the corner). Open: the panel, 20px from the corner; full screen on phones.
 */
const FRAME_CSS = `
iframe{all:initial;position:fixed;z-index:2147483647;bottom:4px;right:4px;width:92px;height:92px;border:0;margin:0;padding:0;display:block;background:transparent;color-scheme:light;overflow:hidden}
iframe.l{right:auto;left:4px}
iframe.open{bottom:20px;right:20px;width:380px;height:620px;max-width:calc(100vw - 40px);max-height:calc(100vh - 40px);border-radius:16px;box-shadow:0 16px 48px rgba(15,23,42,.2),0 2px 8px rgba(15,23,42,.08);animation:omni-in .2s ease-out}
iframe.open.l{right:auto;left:20px}
@media (max-width:480px){iframe.open,iframe.open.l{inset:0;width:100%;height:100%;max-width:none;max-height:none;border-radius:0;box-shadow:none}}
@media (prefers-reduced-motion:reduce){iframe.open{animation:none}}
@keyframes omni-in{from{opacity:0;transform:translateY(12px)}}
`;

const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  display: 'block',
  position: 'fixed',
  'z-index': '2147483647',
  bottom: '0',
  right: '0',
  width: '0',
  height: '0',
  overflow: 'visible',
  transform: 'none',
  filter: 'none',
  contain: 'none',
};

function addStyles(root: ShadowRoot): void {
  // A constructed sheet is not an inline style, so it works under a host page's strict CSP too.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(FRAME_CSS);
    root.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // older browsers: fall back to a <style> element
  }
  const style = document.createElement('style');
  style.textContent = FRAME_CSS;
  root.appendChild(style);
}

export function mountFrame(src: string, position: Position): WidgetFrame {
  const host = document.createElement('omnichannel-widget');
  for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value, 'important');
  const root = host.attachShadow({ mode: 'open' });
  addStyles(root);

  const iframe = document.createElement('iframe');
  iframe.title = 'Chat';
  iframe.src = src;
  iframe.className = position === 'left' ? 'l' : '';
  root.appendChild(iframe);
  document.body.appendChild(host);

  return {
    iframe,
    setOpen(open) {
      iframe.classList.toggle('open', open);
    },
  };
}
