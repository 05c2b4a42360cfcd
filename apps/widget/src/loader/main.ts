/**
 * The widget loader (WGT-1), pasted into any site as
 *   <script src="https://host/widget.js" data-key="…" async></script>
 * It reads its own tag, checks the key with the server, and only then adds the chat frame. The page
 * gets exactly one global, `window.Omnichannel` (WGT-10, WGT-11); everything else stays in this scope.
 */
import { ErrorCode, routeTable } from '@omnichannel/contracts';
import {
  isAppToLoaderMessage,
  isHostUser,
  type HostUser,
  type Lang,
  type LoaderToAppMessage,
  type WidgetCommand,
  type WidgetEventName,
} from '../shared/protocol';
import { mountFrame, type Position, type WidgetFrame } from './frame';

type Handler = (data?: unknown) => void;

export interface OmnichannelApi {
  open(): void;
  close(): void;
  toggle(): void;
  setUser(user: HostUser): void;
  on(name: WidgetEventName, handler: Handler): void;
  off(name: WidgetEventName, handler: Handler): void;
}

declare global {
  interface Window {
    Omnichannel?: OmnichannelApi;
  }
}

const LOG = '[Omnichannel]';

// Read while the script runs: document.currentScript is null once anything async happens.
const script =
  document.currentScript instanceof HTMLScriptElement
    ? document.currentScript
    : document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-key]');

function pickLang(attribute: string | null): Lang {
  if (attribute === 'ru' || attribute === 'en') return attribute;
  return (navigator.language || '').toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** Keeps only non-empty string fields, so `undefined` never overwrites what the site passed before. */
function cleanUser(user: HostUser): HostUser {
  const clean: HostUser = {};
  if (user.name?.trim()) clean.name = user.name.trim();
  if (user.email?.trim()) clean.email = user.email.trim();
  return clean;
}

function whenBodyReady(run: () => void): void {
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}

function start(tag: HTMLScriptElement): void {
  const origin = new URL(tag.src, location.href).origin;
  const key = (tag.getAttribute('data-key') ?? '').trim();
  if (!key) {
    console.error(
      `${LOG} The widget script tag has no data-key attribute, so the chat is not shown. ` +
        'Copy the tag with your widget key from Settings → Widget: <script src="…/widget.js" data-key="YOUR-KEY" async></script>',
    );
    return;
  }
  const lang = pickLang(tag.getAttribute('data-lang'));
  let user = cleanUser({ name: tag.getAttribute('data-name') ?? undefined, email: tag.getAttribute('data-email') ?? undefined });

  const handlers = new Map<WidgetEventName, Set<Handler>>();
  const pending: WidgetCommand[] = [];
  let frame: WidgetFrame | null = null;
  let ready = false;
  let dead = false;

  const post = (message: LoaderToAppMessage): void => {
    frame?.iframe.contentWindow?.postMessage(message, origin);
  };
  const sendContext = (): void => {
    post({ type: 'omni:context', page: { url: location.href, referrer: document.referrer }, user });
  };
  const command = (name: WidgetCommand): void => {
    if (dead) return;
    if (ready) post({ type: 'omni:command', command: name });
    else pending.push(name);
  };
  const emit = (name: WidgetEventName, data: unknown): void => {
    for (const handler of handlers.get(name) ?? []) {
      try {
        handler(data);
      } catch (error) {
        console.error(`${LOG} An Omnichannel.on('${name}') handler failed:`, error);
      }
    }
  };

  window.Omnichannel = {
    open: () => command('open'),
    close: () => command('close'),
    toggle: () => command('toggle'),
    setUser(next) {
      if (!isHostUser(next)) {
        console.error(`${LOG} Omnichannel.setUser expects { name?: string, email?: string }.`);
        return;
      }
      user = { ...user, ...cleanUser(next) };
      if (ready) post({ type: 'omni:set-user', user });
    },
    on(name, handler) {
      if (typeof handler !== 'function') return;
      const set = handlers.get(name) ?? new Set<Handler>();
      set.add(handler);
      handlers.set(name, set);
    },
    off(name, handler) {
      handlers.get(name)?.delete(handler);
    },
  };

  const mount = (position: Position): void => {
    const src = `${origin}/widget/index.html?key=${encodeURIComponent(key)}&lang=${lang}`;
    const mounted = mountFrame(src, position);
    frame = mounted;
    window.addEventListener('message', (event) => {
      if (event.source !== mounted.iframe.contentWindow || event.origin !== origin) return;
      const message: unknown = event.data;
      if (!isAppToLoaderMessage(message)) return;
      switch (message.type) {
        case 'omni:ready':
          ready = true;
          sendContext();
          for (const name of pending.splice(0)) post({ type: 'omni:command', command: name });
          break;
        case 'omni:state':
          mounted.setOpen(message.open);
          // The visitor usually asks about the page they are on: refresh it for single-page sites.
          if (message.open) sendContext();
          break;
        case 'omni:event':
          emit(message.name, message.data);
          break;
      }
    });
    window.addEventListener('popstate', sendContext);
    window.addEventListener('hashchange', sendContext);
  };

  const fail = (reason: string): void => {
    dead = true;
    pending.length = 0;
    console.error(`${LOG} ${reason} The chat widget is not shown.`);
  };

  // This script runs on every page of every site that embeds the widget (P8: at most 5 KB), so it reads
  // its one route from the route table by name, which bundles that line alone; the typed client looks
  // routes up by a variable id and so would bring every line with it.
  const { method, path } = routeTable['widget.config'];
  fetch(`${origin}/api${path}?${new URLSearchParams({ key }).toString()}`, { method, credentials: 'omit' })
    .then(async (response) => {
      const body = (await response.json().catch(() => null)) as { code?: unknown; position?: unknown } | null;
      if (!response.ok) {
        fail(
          body?.code === ErrorCode.WidgetKeyUnknown || response.status === 404
            ? `Widget key "${key}" is not known to ${origin}. Check the data-key attribute of the widget script tag (copy it from Settings → Widget).`
            : `Could not load the settings of widget "${key}" (data-key attribute) from ${origin}: HTTP ${response.status}.`,
        );
        return;
      }
      whenBodyReady(() => mount(body?.position === 'left' ? 'left' : 'right'));
    })
    .catch((error: unknown) => {
      fail(`Could not reach ${origin} to load widget "${key}" (data-key attribute): ${String(error)}.`);
    });
}

if (window.Omnichannel) {
  console.warn(`${LOG} The widget script is included more than once; only the first one is used.`);
} else if (!script) {
  console.error(`${LOG} Could not find the widget's script tag; add data-key="YOUR-KEY" to it.`);
} else {
  start(script);
}
