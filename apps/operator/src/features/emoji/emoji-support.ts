/** Emojibase's version data set: Emoji version → the hexcodes it introduced. */
export type VersionsInput = Record<string, readonly string[]>;

/** Versions before this (2020) are drawn by every system in use; only newer ones are tested. */
const FIRST_TESTED = 13;

export const hexToEmoji = (hexcode: string) => String.fromCodePoint(...hexcode.split('-').map((h) => parseInt(h, 16)));

/** The versions in ascending order, each with the emoji to test it by (a single code point where there is one). */
export function versionSamples(versions: VersionsInput): { version: number; sample: string | null }[] {
  return Object.entries(versions)
    .map(([key, hexcodes]) => {
      const hex = hexcodes.find((h) => !h.includes('-')) ?? hexcodes[0];
      return { version: Number(key), sample: hex ? hexToEmoji(hex) : null };
    })
    .filter((v) => Number.isFinite(v.version))
    .sort((a, b) => a.version - b.version);
}

/** The newest version whose sample is drawn, stopping at the first one that is not. */
export function newestDrawnVersion(versions: VersionsInput, draws: (emoji: string) => boolean): number {
  let newest = 0;
  for (const { version, sample } of versionSamples(versions)) {
    if (version >= FIRST_TESTED && (sample === null || !draws(sample))) break;
    newest = version;
  }
  return newest;
}

/** Hexcodes of the emoji newer than `newest`: hidden rather than shown as empty squares. */
export function hexcodesAfter(versions: VersionsInput, newest: number): Set<string> {
  const hidden = new Set<string>();
  for (const [key, hexcodes] of Object.entries(versions)) if (Number(key) > newest) hexcodes.forEach((h) => hidden.add(h));
  return hidden;
}

/**
 * Whether this browser draws an emoji as one coloured picture (as emoji-mart checks): a missing glyph
 * is drawn as a grey box, and an unknown ZWJ sequence as several pictures side by side.
 */
export function canvasDrawsEmoji(): (emoji: string) => boolean {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 32;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return () => true;
  ctx.font = '24px "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif';
  ctx.textBaseline = 'top';
  const single = ctx.measureText('😀').width;
  return (emoji) => {
    if (ctx.measureText(emoji).width > single * 1.5) return false;
    ctx.clearRect(0, 0, 32, 32);
    ctx.fillText(emoji, 0, 0);
    const { data } = ctx.getImageData(0, 0, 32, 32);
    for (let i = 0; i < data.length; i += 4) {
      const [r = 0, g = 0, b = 0, a = 0] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 0 && (Math.abs(r - g) > 16 || Math.abs(g - b) > 16)) return true;
    }
    return false;
  };
}
