import type { TFunction } from 'i18next';
import { ApiRequestError } from '@omnichannel/contracts';

/** A refusal in the employee's language when we know its code, else the server's own message. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiRequestError) {
    const key = `errors.${error.code}`;
    const text = t(key);
    return text === key ? error.message : text;
  }
  return error instanceof Error ? error.message : String(error);
}
