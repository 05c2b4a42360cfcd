const KEY = 'omni:emoji-recent';
const KEEP = 27; // three rows of the picker

/** Emoji this employee used lately, newest first (kept in the browser). */
export function recentEmojis(): string[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(saved) ? saved.filter((e): e is string => typeof e === 'string').slice(0, KEEP) : [];
  } catch {
    return [];
  }
}

export function rememberEmoji(emoji: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify([emoji, ...recentEmojis().filter((e) => e !== emoji)].slice(0, KEEP)));
  } catch {
    // storage full or blocked: recents are a convenience
  }
}
