import { isLoaderToAppMessage, type AppToLoaderMessage, type LoaderToAppMessage } from '../../shared/protocol';

const framed = window.parent !== window;

/**
 * Where our messages to the host page may go. Chrome and Safari tell a frame its parent's origin; where
 * that is unknown ('*'), the message still goes only to `window.parent`, the page that embeds us.
 */
const hostOrigin = (location.ancestorOrigins as DOMStringList | undefined)?.[0] ?? '*';

export function postToHost(message: AppToLoaderMessage): void {
  if (framed) window.parent.postMessage(message, hostOrigin);
}

/** Accepts only well-formed messages from the embedding page itself. */
export function listenToHost(handle: (message: LoaderToAppMessage) => void): void {
  window.addEventListener('message', (event) => {
    if (!framed || event.source !== window.parent) return;
    const message: unknown = event.data;
    if (isLoaderToAppMessage(message)) handle(message);
  });
}
