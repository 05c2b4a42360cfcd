import { templateVariables } from '@omnichannel/contracts';

export type TemplateVariable = (typeof templateVariables)[number];

/** The contract's list (a zod-free module, so it costs the first download nothing). */
export const TEMPLATE_VARIABLES: readonly TemplateVariable[] = templateVariables;

/** What a template's variables stand for in one conversation; a missing value leaves the variable as typed. */
export type TemplateValues = Partial<Record<TemplateVariable, string | number | null | undefined>>;

const VARIABLE = /\{\s*([a-z]+\.[a-z]+)\s*\}/gi;
const known = new Set<string>(TEMPLATE_VARIABLES);

/**
 * Puts the conversation's values into a template body (TPL-1). Unknown variables, and known ones this
 * conversation has no value for (a client without an email), stay as typed for the employee to see.
 */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(VARIABLE, (whole, name: string) => {
    const key = name.toLowerCase();
    if (!known.has(key)) return whole;
    const value = values[key as TemplateVariable];
    return value === null || value === undefined || value === '' ? whole : String(value);
  });
}
