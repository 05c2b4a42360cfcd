import { isolateBidi, type Language } from '@omnichannel/contracts';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import ru from '../locales/ru.json';

export type { Language } from '@omnichannel/contracts';

function browserLanguage(): Language {
  const saved = localStorage.getItem('omni:lang');
  if (saved === 'ru' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: browserLanguage(),
  fallbackLng: 'en',
  // React escapes markup; "escaping" here isolates users' right-to-left text and bidi controls in the
  // sentences they are put into, so a name cannot reverse the words after it (issue #10).
  interpolation: { escapeValue: true, escape: isolateBidi },
  showSupportNotice: false,
});

export function setLanguage(lang: Language): void {
  localStorage.setItem('omni:lang', lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export { i18n };
