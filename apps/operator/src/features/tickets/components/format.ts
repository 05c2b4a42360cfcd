/** Short clock time, or day and time for older entries. */
export function formatTime(iso: string, lang: string): string {
  const date = new Date(iso);
  const sameDay = new Date().toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(lang, sameDay ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(date);
}

/** "3 min", "1 h 5 min" — how long since a moment. */
export function formatSince(iso: string, now: number, lang: string): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  const ru = lang.startsWith('ru');
  if (minutes < 1) return ru ? '< 1 мин' : '< 1 min';
  if (minutes < 60) return ru ? `${minutes} мин` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 24) return ru ? `${hours} ч ${rest} мин` : `${hours} h ${rest} min`;
  const days = Math.floor(hours / 24);
  return ru ? `${days} дн` : `${days} d`;
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}
