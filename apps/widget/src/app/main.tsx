import { render } from 'preact';
import { ChatController } from './chat/chat-controller';
import { App } from './components/app';
import { dictionary, parseLang } from './i18n';
import { listenToHost, postToHost } from './lib/bridge';
import { formatters } from './lib/format';
import { WidgetContext } from './widget-context';
import './styles.css';

const params = new URLSearchParams(location.search);
const key = params.get('key');
const lang = parseLang(params.get('lang'));
const root = document.getElementById('root');
document.documentElement.lang = lang;

if (!key || !root) {
  console.error('[Omnichannel] The chat frame was opened without a widget key.');
} else {
  // A file dropped anywhere but the chat's drop area must not replace the frame with the file.
  for (const type of ['dragover', 'drop'] as const) {
    window.addEventListener(type, (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
  }
  const t = dictionary(lang);
  document.title = t.chat;
  const controller = new ChatController(key, lang, postToHost);

  listenToHost((message) => {
    switch (message.type) {
      case 'omni:context':
        controller.setPage(message.page);
        if (message.user) controller.setHostUser(message.user);
        break;
      case 'omni:set-user':
        controller.setHostUser(message.user);
        break;
      case 'omni:command':
        switch (message.command) {
          case 'open':
            controller.setOpen(true);
            break;
          case 'close':
            controller.setOpen(false);
            break;
          case 'toggle':
            controller.setOpen(!controller.getState().open);
            break;
        }
        break;
    }
  });

  render(
    <WidgetContext.Provider value={{ controller, t, format: formatters(lang, t) }}>
      <App />
    </WidgetContext.Provider>,
    root,
  );
  controller.start();
  postToHost({ type: 'omni:ready' });
}
