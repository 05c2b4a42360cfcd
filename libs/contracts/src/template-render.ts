// A zod-free module: the composer (SPA) and the dispatcher's template replies (API) render the same way.
import { templateVariables } from './constants';

export type TemplateVariable = (typeof templateVariables)[number];

/** What a template's variables stand for in one conversation. */
export type TemplateValues = Partial<Record<TemplateVariable, string | number | null | undefined>>;

const VARIABLE = /\{\s*([a-z]+\.[a-z]+)\s*\}/gi;
const known = new Set<string>(templateVariables);

/**
 * Puts a conversation's values into a template body (TPL-1). Unknown variables stay as typed. A known one
 * this conversation has no value for (a client without an email) stays as typed when an employee will
 * see the text before sending (`missing: 'keep'`, the composer), and is left out when the text goes to
 * the client as it is (`missing: 'drop'`, a rule's template reply).
 */
export function renderTemplate(body: string, values: TemplateValues, options: { missing: 'keep' | 'drop' }): string {
  return body.replace(VARIABLE, (whole, name: string) => {
    const key = name.toLowerCase();
    if (!known.has(key)) return whole;
    const value = values[key as TemplateVariable];
    if (value === null || value === undefined || value === '') return options.missing === 'keep' ? whole : '';
    return String(value);
  });
}
