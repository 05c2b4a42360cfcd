/**
 * The fake Telegram's demo chat: one self-contained page (no external assets) where a person plays the
 * Telegram user "Demo customer". It posts to `/_demo/send` and polls `/_demo/messages` every second; all
 * message text is put in the page as text, never as HTML.
 */
export const DEMO_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Telegram demo chat</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #e6ebee; color: #1b1f23; display: flex; flex-direction: column; height: 100vh; }
  header { background: #517da2; color: #fff; padding: 12px 16px; }
  header h1 { margin: 0; font-size: 17px; font-weight: 600; }
  header p { margin: 2px 0 0; font-size: 13px; opacity: .85; }
  #notice { margin: 12px 16px 0; padding: 10px 12px; border-radius: 8px; background: #fff4ce; border: 1px solid #e5c76b; }
  #error { margin: 8px 16px 0; color: #b3261e; min-height: 1em; font-size: 13px; }
  #log { flex: 1; overflow-y: auto; padding: 12px 16px; display: flex; flex-direction: column; gap: 6px; }
  .empty { color: #5f6b74; text-align: center; margin-top: 24px; }
  .msg { max-width: 75%; padding: 6px 10px; border-radius: 12px; background: #fff; box-shadow: 0 1px 1px rgba(0,0,0,.12); white-space: pre-wrap; overflow-wrap: anywhere; }
  .msg.customer { align-self: flex-end; background: #effdde; }
  .msg.bot { align-self: flex-start; }
  .msg img { display: block; max-width: 100%; max-height: 240px; border-radius: 8px; margin-bottom: 4px; }
  .msg .who { font-size: 12px; font-weight: 600; color: #3a6d99; }
  .msg .meta { font-size: 11px; color: #6b7a85; text-align: right; margin-top: 2px; }
  form { display: flex; gap: 8px; padding: 10px 16px; background: #fff; border-top: 1px solid #d5dde2; }
  input { flex: 1; font: inherit; padding: 8px 10px; border: 1px solid #c3ced6; border-radius: 8px; }
  button { font: inherit; padding: 8px 16px; border: 0; border-radius: 8px; background: #517da2; color: #fff; cursor: pointer; }
  button:disabled { opacity: .6; cursor: default; }
</style>
</head>
<body>
<header>
  <h1 id="title">Telegram demo chat</h1>
  <p>You are the Telegram user “Demo customer” (@demo_customer) writing to the bot.</p>
</header>
<div id="notice" hidden>No webhook is registered yet. Connect a Telegram channel in the helpdesk with the API address <strong id="origin"></strong>; you can write as soon as it has registered its webhook.</div>
<div id="error" role="alert"></div>
<main id="log" aria-live="polite"></main>
<form id="form">
  <input id="text" autocomplete="off" placeholder="Write a message…" aria-label="Message" maxlength="4096">
  <button id="send" type="submit">Send</button>
</form>
<script>
(function () {
  var log = document.getElementById('log');
  var notice = document.getElementById('notice');
  var error = document.getElementById('error');
  var title = document.getElementById('title');
  var form = document.getElementById('form');
  var input = document.getElementById('text');
  var button = document.getElementById('send');
  var shown = null;
  document.getElementById('origin').textContent = location.origin;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function bubble(m, botName) {
    var div = el('div', 'msg ' + m.from);
    if (m.from === 'bot') div.append(el('div', 'who', botName));
    if (m.kind === 'photo' && m.fileUrl) {
      var img = el('img');
      img.src = m.fileUrl;
      img.alt = m.fileName || 'Photo';
      div.append(img);
    } else if (m.kind === 'document' && m.fileUrl) {
      var link = el('a', '', 'File: ' + (m.fileName || 'document'));
      link.href = m.fileUrl;
      link.download = m.fileName || '';
      div.append(link);
    }
    if (m.text) div.append(el('div', '', m.text));
    var meta = new Date(m.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    if (m.delivery) meta += ' · ' + m.delivery;
    div.append(el('div', 'meta', meta));
    return div;
  }

  function render(state) {
    var botName = state.bot.first_name + ' (@' + state.bot.username + ')';
    title.textContent = 'Chat with ' + botName;
    notice.hidden = Boolean(state.webhookUrl);
    button.disabled = !state.webhookUrl;
    var key = JSON.stringify(state.messages);
    if (key === shown) return;
    shown = key;
    var atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.replaceChildren.apply(log, state.messages.length ? state.messages.map(function (m) { return bubble(m, botName); }) : [el('p', 'empty', 'No messages yet. Say hello!')]);
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  function refresh() {
    return fetch('/_demo/messages').then(function (r) { return r.json(); }).then(render, function () {
      error.textContent = 'The fake Telegram server does not answer.';
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    button.disabled = true;
    error.textContent = '';
    fetch('/_demo/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: text }) })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (result) {
        if (result.ok) input.value = '';
        else error.textContent = result.body.error || 'Could not send.';
      }, function () { error.textContent = 'Could not send.'; })
      .then(function () { button.disabled = false; input.focus(); return refresh(); });
  });

  setInterval(refresh, 1000);
  refresh();
})();
</script>
</body>
</html>
`;
