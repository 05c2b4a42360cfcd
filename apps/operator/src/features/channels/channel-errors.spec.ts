import { ApiRequestError } from '@omnichannel/contracts';
import { createInstance, type TFunction } from 'i18next';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';
import { channelErrorText } from './channel-errors';

let t: TFunction;
beforeAll(async () => {
  const i18n = createInstance();
  await i18n.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  t = i18n.t;
});

const refusal = (code: ApiRequestError['code'], message: string) => new ApiRequestError({ routeId: 'channels.create', status: 400, code, message });

describe('channelErrorText', () => {
  it('quotes the platform that refused', () => {
    expect(channelErrorText(refusal('PLATFORM_REFUSED', 'Telegram refused the bot token (Unauthorized)'), t)).toBe("The platform's answer: Telegram refused the bot token (Unauthorized)");
  });

  it('suggests switching off a channel that cannot be deleted', () => {
    expect(channelErrorText(refusal('CHANNEL_IN_USE', 'Channel has tickets'), t)).toMatch(/Switch it off instead/);
  });

  it('leaves other refusals to the shared wording', () => {
    expect(channelErrorText(refusal('FORBIDDEN', 'no'), t)).toBe('You do not have the right to do this.');
    expect(channelErrorText(refusal('INTERNAL', 'Something broke'), t)).toBe('Something broke');
  });
});

/** Every key under a tree, plural suffixes folded into their base. */
function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('the channels texts', () => {
  it('exist in both languages, key for key', () => {
    expect([...new Set(keys(ru.channels))].sort()).toEqual([...new Set(keys(en.channels))].sort());
    expect(ru.settings.tabs.channels).toBe('Каналы');
    expect(en.settings.tabs.channels).toBe('Channels');
  });

  it('have all the Russian plural forms', () => {
    expect(Object.keys(ru.channels.health).filter((k) => k.startsWith('events_'))).toEqual(['events_one', 'events_few', 'events_many', 'events_other']);
  });
});
