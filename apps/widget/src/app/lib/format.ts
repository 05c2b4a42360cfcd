import type { Lang } from '../../shared/protocol';

export interface Formatters {
  time(iso: string): string;
  day(iso: string): string;
  dayKey(iso: string): string;
  /** A file size in the visitor's language: 912 B, 48 KB, 3.4 MB. */
  size(bytes: number): string;
}

export function formatters(lang: Lang, labels: { today: string; yesterday: string; units: readonly [string, string, string] }): Formatters {
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hour12: false });
  const date = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long' });
  const dayKey = (iso: string): string => new Date(iso).toDateString();
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  return {
    size(bytes) {
      const [b, kb, mb] = labels.units;
      if (bytes < 1024) return `${bytes} ${b}`;
      if (bytes < 1024 * 1024) return `${number.format(Math.max(1, Math.round(bytes / 1024)))} ${kb}`;
      return `${number.format(bytes / (1024 * 1024))} ${mb}`;
    },
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
