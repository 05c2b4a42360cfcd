// A Telegram update as the Bot API delivers a private text message (the shape of the real fixture
// apps/api/test/fixtures/channels/telegram/inbound/text.json), for P1 and P2.

/** Update `updateId` from chat `chat` saying `text`, as JSON text. */
export function telegramUpdate(updateId, chat, text) {
  const person = { first_name: 'Bench', last_name: `Client ${chat}`, username: `bench_${chat}` };
  return JSON.stringify({
    update_id: updateId,
    message: {
      message_id: updateId,
      from: { id: chat, is_bot: false, ...person, language_code: 'en' },
      chat: { id: chat, ...person, type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text,
    },
  });
}
