/**
 * Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko…) and the bidi controls: what can reorder
 * the text around it when it is put into a sentence ("{name} took the request").
 */
const REORDERING = /[\u0590-\u08FF\u200F\u061C\u202A-\u202E\u2066-\u2069\uFB1D-\uFDFF\uFE70-\uFEFF]|[\uD802\uD803\uD83A][\uDC00-\uDFFF]/;

/**
 * Wraps a value from users (a name, a subject) in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE when it
 * could reorder its surroundings, so "‮Olga took the request" still reads "took the request" (issue #10).
 * Plain left-to-right text is returned as it is.
 */
export function isolateBidi(text: string): string {
  return REORDERING.test(text) ? `\u2068${text}\u2069` : text;
}
