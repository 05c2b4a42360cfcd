import type { Lang } from '../../shared/protocol';

export interface Formatters {
  time(iso: string): string;
  day(iso: string): string;
  dayKey(iso: string): string;
}

export function formatters(lang: Lang, labels: { today: string; yesterday: string }): Formatters {
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hour12: false });
  const date = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long' });
  const dayKey = (iso: string): string => new Date(iso).toDateString();
  return {
    time: (iso) => time.format(new Date(iso)),
    dayKey,
    day(iso) {
      const key = dayKey(iso);
      const now = new Date();
      if (key === now.toDateString()) return labels.today;
      now.setDate(now.getDate() - 1);
      if (key === now.toDateString()) return labels.yesterday;
      return date.format(new Date(iso));
    },
  };
}
